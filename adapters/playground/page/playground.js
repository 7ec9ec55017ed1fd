// The playground page: one tab is one private chat with the bot. The server sends the whole chat
// (messages, keyboards, button answers, where the conversation is) on every change; the page draws it
// as Telegram would and highlights the current state in the flow's diagram.
'use strict';

const $ = (selector) => document.querySelector(selector);

const page = {
  setup: null,
  chatId: null,
  view: null,
  events: null,
  /** message id → element */
  messages: new Map(),
  /** the flow the person chose to look at (null: follow the innermost running flow) */
  pinnedFlow: null,
  /** flow id → rendered SVG text */
  svgs: new Map(),
  drawn: { flow: null, key: '' },
  drawing: Promise.resolve(),
  answersSeen: Number(sessionStorage.getItem('answersSeen') ?? 0),
  /** the diagram's scale: the flows are large, the current state is shown at a readable size */
  zoom: Number(sessionStorage.getItem('zoom') ?? 0.6),
};

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `${response.status}`);
  return data;
}

function toast(text) {
  const element = $('#toast');
  element.textContent = text;
  element.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => element.classList.remove('shown'), 2600);
}

function act(path, body) {
  api(`/api/chats/${page.chatId}/${path}`, body).catch((error) => toast(error.message));
}

// ------------------------------------------------------------------ Telegram HTML, drawn safely

const TAGS = { b: 'b', strong: 'b', i: 'i', em: 'i', u: 'u', ins: 'u', s: 's', strike: 's', del: 's', code: 'code', pre: 'pre', blockquote: 'blockquote' };

/** Rebuilds Telegram's HTML subset from scratch: only its tags survive, every text stays text. */
function appendTelegramHtml(target, html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const copy = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.append(node.textContent);
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = node.tagName.toLowerCase();
      let element = null;
      if (TAGS[tag]) element = document.createElement(TAGS[tag]);
      else if (tag === 'a') {
        element = document.createElement('a');
        const href = node.getAttribute('href') ?? '';
        if (/^(https?|tg):/i.test(href)) {
          element.href = href;
          element.target = '_blank';
          element.rel = 'noopener noreferrer';
        }
      } else if (tag === 'tg-spoiler' || (tag === 'span' && node.classList.contains('tg-spoiler'))) {
        element = document.createElement('span');
        element.className = 'spoiler';
      }
      if (element) {
        copy(node, element);
        to.append(element);
      } else {
        copy(node, to);
      }
    }
  };
  copy(parsed, target);
}

// ------------------------------------------------------------------ the chat

const MEDIA = { photo: '🖼 Photo', sticker: '👍 Sticker', document: '📄 File' };

function messageKey(message) {
  return JSON.stringify([message.html, message.plain, message.buttons, message.edited]);
}

function drawMessage(element, message) {
  element.replaceChildren();
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  if (MEDIA[message.kind]) {
    bubble.classList.add('media');
    bubble.textContent = MEDIA[message.kind];
  } else if (message.html !== null) {
    appendTelegramHtml(bubble, message.html);
  } else {
    bubble.textContent = message.plain;
  }
  if (message.edited) {
    const mark = document.createElement('span');
    mark.className = 'edited';
    mark.textContent = 'edited';
    bubble.append(mark);
  }
  element.append(bubble);
  if (message.buttons.length) {
    const inline = document.createElement('div');
    inline.className = 'inline';
    for (const row of message.buttons) {
      const line = document.createElement('div');
      line.className = 'row';
      for (const button of row) {
        let control;
        if (button.url) {
          control = document.createElement('a');
          control.href = button.url;
          control.target = '_blank';
          control.rel = 'noopener noreferrer';
        } else {
          control = document.createElement('button');
          control.type = 'button';
          control.addEventListener('click', () => act('press', { messageId: message.id, data: button.callback_data }));
        }
        control.textContent = button.text;
        line.append(control);
      }
      inline.append(line);
    }
    element.append(inline);
  }
}

function drawChat(view) {
  const list = $('#messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  let added = false;
  const present = new Set();
  for (const message of view.messages) {
    present.add(message.id);
    let entry = page.messages.get(message.id);
    if (!entry) {
      const element = document.createElement('div');
      element.className = `message ${message.from}`;
      element.dataset.id = String(message.id);
      list.append(element);
      entry = { element, key: '' };
      page.messages.set(message.id, entry);
      added = true;
    }
    const key = messageKey(message);
    if (entry.key !== key) {
      drawMessage(entry.element, message);
      entry.key = key;
    }
  }
  // a deleted message fades out of the chat, as in Telegram
  for (const [id, entry] of page.messages) {
    if (present.has(id)) continue;
    page.messages.delete(id);
    entry.element.classList.add('leaving');
    entry.element.addEventListener('transitionend', () => entry.element.remove(), { once: true });
  }
  if (added || nearBottom) list.scrollTop = list.scrollHeight;

  const keyboard = $('#keyboard');
  keyboard.replaceChildren();
  for (const row of view.keyboard ?? []) {
    const line = document.createElement('div');
    line.className = 'row';
    for (const label of row) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.addEventListener('click', () => act('send', { text: label }));
      line.append(button);
    }
    keyboard.append(line);
  }

  const typing = $('#typing');
  typing.textContent = view.busy ? 'typing…' : 'bot';
  typing.classList.toggle('busy', view.busy);

  // answers to pressed buttons: an alert is a dialog, a short notice a toast
  for (const answer of view.answers.slice(page.answersSeen)) {
    if (!answer.text) continue;
    if (answer.alert) {
      const dialog = $('#alert');
      dialog.querySelector('p').textContent = answer.text;
      if (!dialog.open) dialog.showModal();
    } else {
      toast(answer.text);
    }
  }
  page.answersSeen = view.answers.length;
  sessionStorage.setItem('answersSeen', String(page.answersSeen));
}

// ------------------------------------------------------------------ the flow diagram

function diagramOf(id) {
  return page.setup.diagrams.find((diagram) => diagram.id === id);
}

/** mermaid is large: the chat does not wait for it, only the diagram does */
let mermaidLoaded = null;
function loadMermaid() {
  mermaidLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/vendor/mermaid.min.js';
    script.onload = () => {
      window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', state: { useMaxWidth: false } });
      resolve(window.mermaid);
    };
    script.onerror = () => reject(new Error('mermaid could not be loaded'));
    document.head.append(script);
  });
  return mermaidLoaded;
}

async function svgOf(id) {
  if (!page.svgs.has(id)) {
    const mermaid = await loadMermaid();
    const { svg } = await mermaid.render(`flow-${id}`, diagramOf(id).mermaid);
    page.svgs.set(id, svg);
  }
  return page.svgs.get(id);
}

function drawPath(position, shown) {
  const path = $('#path');
  path.replaceChildren();
  const flows = position.length ? position : [{ flow: 'chat', states: [], label: '' }];
  flows.forEach((step, index) => {
    if (index > 0) {
      const sep = document.createElement('span');
      sep.className = 'sep';
      sep.textContent = '›';
      path.append(sep);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = diagramOf(step.flow)?.title ?? step.flow;
    button.classList.toggle('shown', step.flow === shown);
    button.addEventListener('click', () => {
      page.pinnedFlow = index === flows.length - 1 ? null : step.flow;
      drawFlow();
    });
    path.append(button);
  });
}

async function drawFlowNow() {
  const position = page.view?.position ?? [];
  const pinned = page.pinnedFlow && position.some((step) => step.flow === page.pinnedFlow) ? page.pinnedFlow : null;
  const step = (pinned ? position.find((s) => s.flow === pinned) : position.at(-1)) ?? { flow: 'chat', states: [], label: '' };
  drawPath(position, step.flow);
  const where = $('#where');
  where.replaceChildren();
  if (step.label) {
    where.append(`${diagramOf(step.flow)?.title ?? step.flow}: `);
    const label = document.createElement('strong');
    label.textContent = step.label;
    where.append(label);
  } else {
    where.textContent = 'No conversation yet: send /start or pick an employee to log in as.';
  }

  const container = $('#diagram');
  if (page.drawn.flow !== step.flow) {
    container.innerHTML = await svgOf(step.flow);
    page.drawn = { flow: step.flow, key: '' };
    applyZoom();
  }
  const key = step.states.join(' ');
  if (page.drawn.key === key && container.dataset.state !== undefined) return;
  const svg = container.querySelector('svg');
  for (const node of svg.querySelectorAll('g.current, g.active')) node.classList.remove('current', 'active');
  const prefix = `${svg.id}-state-`;
  let current = null;
  step.states.forEach((state, index) => {
    const pattern = new RegExp(`^${(prefix + state).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`);
    for (const node of svg.querySelectorAll('g[id]')) {
      if (!pattern.test(node.id)) continue;
      const innermost = index === step.states.length - 1;
      node.classList.add(innermost ? 'current' : 'active');
      if (innermost) current = node;
    }
  });
  page.drawn.key = key;
  container.dataset.flow = step.flow;
  container.dataset.state = step.states.at(-1) ?? '';
  applyZoom();
  if (current) current.scrollIntoView({ block: 'center', inline: 'center' });
}

function applyZoom() {
  const svg = $('#diagram svg');
  const box = svg?.viewBox.baseVal;
  if (!box?.width) return;
  svg.style.width = `${Math.round(box.width * page.zoom)}px`;
  svg.style.height = `${Math.round(box.height * page.zoom)}px`;
}

function zoom(how) {
  const svg = $('#diagram svg');
  const box = svg?.viewBox.baseVal;
  if (!box?.width) return;
  const container = $('#diagram');
  if (how === 'fit') page.zoom = Math.min(1, (container.clientWidth - 20) / box.width, (container.clientHeight - 20) / box.height);
  else page.zoom = Math.min(2, Math.max(0.1, page.zoom * (how === 'in' ? 1.25 : 0.8)));
  sessionStorage.setItem('zoom', String(page.zoom));
  applyZoom();
  $('#diagram g.current')?.scrollIntoView({ block: 'center', inline: 'center' });
}

/** Diagrams are drawn one at a time, always for the newest view. */
function drawFlow() {
  page.drawing = page.drawing.then(drawFlowNow).catch((error) => toast(`diagram: ${error.message}`));
}

// ------------------------------------------------------------------ wiring

function connect() {
  page.events?.close();
  const events = new EventSource(`/api/chats/${page.chatId}/events`);
  page.events = events;
  events.onmessage = (event) => {
    page.view = JSON.parse(event.data);
    drawChat(page.view);
    drawFlow();
    $('#export').disabled = !page.setup.exportable || page.view.steps === 0;
  };
  events.onerror = async () => {
    if (events.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
    // the playground was restarted: this tab's chat is gone, start a new one
    await newChat();
  };
}

async function newChat() {
  const { chatId } = await api('/api/chats', {});
  page.chatId = chatId;
  page.answersSeen = 0;
  sessionStorage.setItem('chatId', String(chatId));
  sessionStorage.setItem('answersSeen', '0');
  for (const entry of page.messages.values()) entry.element.remove();
  page.messages.clear();
  $('#chat-label').textContent = `chat ${chatId}`;
  connect();
}

function drawAccounts() {
  const list = $('#account-list');
  if (!page.setup.accounts.length) {
    $('#accounts-note').textContent = `The bot talks to ${page.setup.backend}: log in with your own email and password (send /start).`;
    return;
  }
  for (const account of page.setup.accounts) {
    const item = document.createElement('li');
    if (!account.active) item.classList.add('inactive');
    const who = document.createElement('div');
    who.className = 'who';
    const name = document.createElement('span');
    name.textContent = account.name;
    const role = document.createElement('span');
    role.className = 'role';
    role.textContent = account.active ? account.role : `${account.role} · deactivated`;
    who.append(name, role);
    const email = document.createElement('code');
    email.textContent = account.email;
    const password = document.createElement('code');
    password.textContent = account.password;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Log in';
    button.dataset.email = account.email;
    button.addEventListener('click', () => act('login', { email: account.email }));
    item.append(who, email, password, button);
    list.append(item);
  }
}

async function exportTest() {
  try {
    const { fileName, source, faithful } = await api(`/api/chats/${page.chatId}/export`);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([source], { type: 'text/plain' }));
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    toast(faithful ? `${fileName}: put it in test/e2e/` : `${fileName}: another chat changed the data meanwhile, a screen may differ`);
  } catch (error) {
    toast(error.message);
  }
}

async function start() {
  void loadMermaid().catch((error) => toast(error.message));
  page.setup = await api('/api/setup');
  $('#backend').textContent = `Backend: ${page.setup.backend}`;
  $('#export').disabled = true;
  if (!page.setup.exportable) $('#export').title = 'Exported tests replay against the backend simulator: start without API_BASE_URL';
  drawAccounts();

  $('#composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('#input');
    if (!input.value.trim()) return;
    act('send', { text: input.value });
    input.value = '';
  });
  $('#photo').addEventListener('click', () => act('photo', {}));
  for (const button of document.querySelectorAll('#commands button')) {
    button.addEventListener('click', () => act('send', { text: button.dataset.command }));
  }
  $('#new-chat').addEventListener('click', () => window.open(location.href, '_blank', 'noopener'));
  $('#export').addEventListener('click', exportTest);
  for (const button of document.querySelectorAll('#zoom button')) button.addEventListener('click', () => zoom(button.dataset.zoom));

  // a reload keeps the tab's chat; a chat the playground no longer knows is replaced (see connect)
  const kept = Number(sessionStorage.getItem('chatId'));
  if (kept) {
    page.chatId = kept;
    $('#chat-label').textContent = `chat ${kept}`;
    connect();
  } else {
    await newChat();
  }
}

start().catch((error) => toast(error.message));
