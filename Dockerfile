# syntax=docker/dockerfile:1
# Build stage: all dependencies, type check.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY machines ./machines
COPY adapters ./adapters
COPY api ./api
COPY storage ./storage
RUN npx tsc --noEmit -p tsconfig.json

# Run stage: production dependencies only (tsx runs the TypeScript sources), as a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/machines ./machines
COPY --from=build /app/adapters ./adapters
COPY --from=build /app/api ./api
COPY --from=build /app/storage ./storage
USER node
EXPOSE 8443
# In webhook mode the bot serves /healthz (Redis reachable); in polling mode the process itself is the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "const m=process.env.BOT_MODE;if(m!=='webhook'&&m!=='prod')process.exit(0);fetch('http://127.0.0.1:'+(process.env.WEBHOOK_PORT||8443)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "adapters/main.ts"]
