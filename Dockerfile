# syntax=docker/dockerfile:1
# Build stage: every dependency, then the TypeScript compiled to JavaScript. The playground
# (scripts/, test/harness/) is compiled with the rest but is not copied into the image.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY machines ./machines
COPY adapters ./adapters
COPY api ./api
COPY storage ./storage
COPY scripts ./scripts
COPY test/harness ./test/harness
RUN npx tsc -p tsconfig.build.json

# Production dependencies only: no compiler, no test tools (typescript would come in as valibot's
# optional peer without --omit=optional --omit=peer). Only node_modules leaves this stage, so npm's
# cache stays behind without being cleaned.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --omit=peer --no-audit --no-fund

# Run stage: the production dependencies and the compiled bot, as the non-root user "node".
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/machines ./dist/machines
COPY --from=build /app/dist/adapters ./dist/adapters
COPY --from=build /app/dist/api ./dist/api
COPY --from=build /app/dist/storage ./dist/storage
USER node
# webhook mode: WEBHOOK_PORT (the webhook, /healthz, /readyz, /metrics); polling mode: HTTP_PORT
EXPOSE 8443 8080
# /healthz on the bot's own HTTP server, in either mode (adapters/healthcheck.ts)
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/adapters/healthcheck.js"]
# The chats' actors kept in memory (LIVE_CHATS, about 18 KB each; ADR 4) fit this heap with room to spare.
# Node is process 1: it receives docker stop's SIGTERM and finishes the updates under way before exiting.
CMD ["node", "--max-old-space-size=96", "dist/adapters/main.js"]
