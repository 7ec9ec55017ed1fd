/**
 * Every word the bot says, in Uzbek (Latin script). Screens are built from these; change the
 * wording here and the screen snapshot tests show the change in review.
 */
export const menu = {
  profile: '👤 Profil',
  students: '👥 Talabalar',
  groups: '📚 Guruhlar',
  payments: "💳 To'lovlar",
  employees: '👨‍💼 Xodimlar',
  attendance: '📋 Davomatlar',
  documents: '📁 Hujjatlar',
  logout: '❌ Chiqish',
} as const;
export type MenuItem = keyof typeof menu;

export const buttons = {
  cancel: '❌ Bekor qilish',
  back: '🔙 Orqaga',
  home: '🏠 Asosiy menyu',
  previous: '⬅️ Oldingi',
  next: 'Keyingi ➡️',
  skip: "⏭ O'tkazib yuborish",
  confirmDelete: "✅ Ha, o'chirish",
  confirm: '✅ Tasdiqlash',
} as const;

export const commands = [
  { command: 'start', description: 'Kirish yoki asosiy menyu' },
  { command: 'menu', description: 'Asosiy menyu' },
  { command: 'cancel', description: 'Joriy amalni bekor qilish' },
  { command: 'help', description: 'Yordam' },
] as const;

export const t = {
  welcome: "Assalomu alaykum! Bu BIMUZ o'quv markazi xodimlari uchun bot.",
  askEmail: 'Tizimga kirish uchun BIMUZ email manzilingizni yuboring:',
  badEmail: "Bu email manzilga o'xshamaydi. Masalan: <code>ism@bimuz.uz</code>. Qaytadan yuboring:",
  askPassword: 'Parolingizni yuboring. Xavfsizlik uchun xabaringiz darhol o\'chiriladi.',
  passwordDeleteFailed: "⚠️ Parol yozilgan xabarni o'chirib bo'lmadi: uni o'zingiz o'chiring.",
  checking: 'Tekshirilmoqda…',
  loginFailed: '❌ Kirib bo\'lmadi',
  loginCancelled: "Kirish bekor qilindi. Qayta kirish uchun /start ni bosing.",
  loggedIn: (name: string, role: string) => `✅ Xush kelibsiz, <b>${name}</b>!\nRol: ${role}\n\nQuyidagi menyudan bo'limni tanlang.`,
  mainMenu: "🏠 <b>Asosiy menyu</b>\n\nBo'limni tanlang.",
  chooseFromMenu: "Quyidagi menyudan bo'limni tanlang yoki /help ni bosing.",
  notLoggedIn: "Siz tizimga kirmagansiz. Kirish uchun /start ni bosing.",
  notLoggedInAlert: 'Avval tizimga kiring: /start',
  sessionEnded: '🔒 Sessiyangiz tugadi. Qaytadan kirish kerak.',
  loggedOut: "✅ Tizimdan chiqdingiz. Qayta kirish uchun /start ni bosing.",
  comingSoon: (section: string) => `${section}\n\n🚧 Bu bo'lim tez orada ishga tushadi.`,
  nothingToCancel: 'Bekor qilinadigan amal yo\'q.',
  cancelled: 'Bekor qilindi.',
  textExpected: 'Iltimos, matn yuboring: bu yerda rasm, stiker yoki fayl qabul qilinmaydi.',
  buttonExpected: "Iltimos, yuqoridagi tugmalardan birini tanlang.",
  unknownCommand: "Bunday buyruq yo'q. Buyruqlar: /start, /menu, /cancel, /help.",
  staleButton: "Bu tugma eskirgan. Menyudan qaytadan tanlang.",
  botUpdated: "ℹ️ Bot yangilandi: oldingi amal saqlanmadi. Menyudan davom eting.",
  privateOnly: "Bu bot faqat shaxsiy chatda ishlaydi. Iltimos, menga shaxsiy xabar yozing.",
  roleChanged: (role: string) => `ℹ️ Rolingiz o'zgardi: ${role}. Menyu yangilandi.`,
  help:
    "ℹ️ <b>Yordam</b>\n\n" +
    "Bu bot BIMUZ xodimlari uchun: talabalar, guruhlar, to'lovlar va davomat.\n\n" +
    '/start — kirish yoki asosiy menyu\n/menu — asosiy menyu\n/cancel — joriy amalni bekor qilish\n/help — shu yordam\n\n' +
    "Pastdagi menyu tugmalari istalgan vaqtda ishlaydi va joriy amalni to'xtatadi.",
  profile: {
    title: "👤 <b>Profil</b>",
    name: 'Ism',
    email: 'Email',
    role: 'Rol',
    professionality: 'Mutaxassislik',
    since: "Ro'yxatdan o'tgan",
  },
  error: (message: string) => `❌ ${message}`,
  retryLater: "Birozdan so'ng qayta urinib ko'ring.",
  serverUnreachableMenu: "⚠️ Server bilan bog'lanib bo'lmadi, ma'lumotlar tekshirilmadi.",
} as const;
