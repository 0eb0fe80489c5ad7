# Mingle: one image for every instance. Build with `docker compose build`.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build:client
# Without REDIS_URL the embedded store snapshots to DATA_DIR (./data); /app is root's, so make
# that one directory the node user's.
RUN mkdir -p /app/data && chown node:node /app/data
EXPOSE 3000
USER node
CMD ["node", "--import", "tsx", "server/main.ts"]
