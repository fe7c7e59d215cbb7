# The API image used by docker-compose.yml. Build context: the repository root.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# The data folder (docker-compose.yml mounts a volume here): owned by the user the API runs as.
RUN mkdir -p /var/lib/pix-ledger && chown node:node /var/lib/pix-ledger
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
