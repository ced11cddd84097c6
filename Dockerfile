# syntax=docker/dockerfile:1
# The hall's production image (README, Operations → Deploying). Build: docker build -t fupin-hall .
# Three stages: build (all dependencies, compiles better-sqlite3, builds the app), prod-deps (production
# dependencies only), and the runtime image, which runs as the unprivileged `node` user.
ARG NODE_VERSION=20.20

FROM node:${NODE_VERSION}-bookworm-slim AS base
# npm ≥ 11 honours package.json allowScripts: only better-sqlite3's install script runs.
RUN npm install -g npm@11.19.0 && npm cache clean --force
WORKDIR /app
ENV CHECKPOINT_DISABLE=1

FROM base AS toolchain
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*

FROM toolchain AS build
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY . .
RUN npm run build

FROM toolchain AS prod-deps
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev && npm cache clean --force

FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=file:/data/hall.db
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/build ./build
COPY --chown=node:node package.json server.js cluster.js prisma.config.ts tsconfig.json ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node deploy ./deploy
# Sources and the generated client too: npm run backup / restore / create-admin run them with tsx.
COPY --chown=node:node scripts ./scripts
COPY --from=build --chown=node:node /app/app ./app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# SIGTERM (docker stop) reaches Litestream or cluster.js directly: start.sh execs them.
CMD ["deploy/start.sh"]
