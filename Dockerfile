# Factory's image. Build: `docker build -t factory .`; run: `docker compose up` (compose.yaml).
# scripts/production-install.sh does what the runtime stage does, without Docker, and
# test/e2e/production-install.test.ts keeps the two in step.

# Build stage: all dependencies, TypeScript compiled to lib/.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies only (no TypeScript, no tsx), the built app, no sources.
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY bin ./bin
# npm start's first step: with no TypeScript here it only checks lib/ is built.
COPY scripts/build-if-possible.mjs ./scripts/
COPY app.yml ./
# The image's own unprivileged user; the files above stay root's, read-only to it.
USER node
EXPOSE 3000
# Probot answers GET /ping with 200 "PONG". The slim image has no curl: Node's fetch does it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "lib/main.js"]
