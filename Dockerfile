# syntax=docker/dockerfile:1
# Build stage: all dependencies, type check, compile to JavaScript.
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

# Run stage: production dependencies and the compiled bot only, as a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/machines ./dist/machines
COPY --from=build /app/dist/adapters ./dist/adapters
COPY --from=build /app/dist/api ./dist/api
COPY --from=build /app/dist/storage ./dist/storage
USER node
EXPOSE 8443
# In webhook mode the bot serves /healthz (Redis reachable); in polling mode the process itself is the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "const m=process.env.BOT_MODE;if(m!=='webhook'&&m!=='prod')process.exit(0);fetch('http://127.0.0.1:'+(process.env.WEBHOOK_PORT||8443)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The bot keeps no conversation in memory (they live in Redis): a small heap limit keeps RSS low.
CMD ["node", "--max-old-space-size=96", "dist/adapters/main.js"]
