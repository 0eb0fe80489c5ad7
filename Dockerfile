# Mingle: one image for every instance. Build with `docker compose build`.
# Node 20.19 or later (package.json engines; Vite needs it): node:20-slim is the latest 20.x.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Vite and tsx are dependencies, not devDependencies, so this still builds the client and runs
# the TypeScript server.
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build:client
# Without REDIS_URL the embedded store snapshots to DATA_DIR (./data); /app is root's, so make
# that one directory the node user's.
RUN mkdir -p /app/data && chown node:node /app/data
EXPOSE 3000
USER node
# What `npm start` runs, without its client check (built above) and without npm in between:
# node is PID 1 and gets the SIGTERM of `docker stop` itself, then shuts down gracefully.
CMD ["node", "--import", "tsx", "server/main.ts"]
