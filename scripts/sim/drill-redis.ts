/**
 * The Redis drill: stop the simulator's own redis-server, keep it down, start it again, and
 * measure how long until the service is back.
 */
import type { Crowd } from './crowd';
import { backTimes, lockedByOwner, WAIT_MS, type DrillResult } from './drills';
import { getText } from './loopback';
import type { OwnRedis, ServerHandle } from './servers';
import { now } from './stats';

/** Polls `/readyz` until it answers 200; ms after `from`, or null after a minute. */
async function readyAfter(url: string, from: number): Promise<number | null> {
  while (now() - from < WAIT_MS) {
    const res = await getText(`${url}/readyz`, 1_000);
    if (res?.status === 200) return now() - from;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/**
 * Stops the simulator's own redis-server for `downMs`, starts it again (AOF, fsync always), and
 * measures how long until each instance is ready, the first action is acked, and every phone
 * that met UNAVAILABLE is served again (an ok ack, or its state on a reconnect).
 */
export async function restartRedis(crowd: Crowd, redis: OwnRedis, servers: ServerHandle[], downMs: number, startedAt: number): Promise<DrillResult> {
  const at = now();
  await redis.stop();
  const stopped = now();
  await new Promise((resolve) => setTimeout(resolve, downMs));
  const starting = now();
  await redis.start();
  const up = now();
  crowd.firstOk.clear();
  crowd.okSince = up;
  const ready = await Promise.all(servers.filter((s) => s.alive()).map((s) => readyAfter(s.url, up)));
  const hurt = () => crowd.attendees.filter((a) => a.lastUnavailable >= at);
  const deadline = up + WAIT_MS;
  // Each phone that met UNAVAILABLE asks again every 250 ms until it is served (an ok ack or a
  // state on connect), so the figure is the service's recovery, not the crowd's pace.
  const asking = new Set<string>();
  // A phone its owner locked is waiting on its owner, not on the service (see Recovery).
  const waiting = (a: (typeof crowd.attendees)[number]) => !crowd.firstOk.has(a.id) && !lockedByOwner(crowd, a.id);
  while (now() < deadline && hurt().some(waiting)) {
    for (const a of hurt()) {
      if (crowd.firstOk.has(a.id) || asking.has(a.id) || !a.connected) continue;
      asking.add(a.id);
      void a.probe().finally(() => asking.delete(a.id));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  crowd.okSince = null;
  const locked = hurt().filter((a) => !crowd.firstOk.has(a.id) && lockedByOwner(crowd, a.id));
  const affected = hurt().filter((a) => !locked.includes(a));
  const oks = affected.flatMap((a) => crowd.firstOk.get(a.id) ?? []);
  const firstOk = Math.min(...crowd.firstOk.values());
  return {
    name: 'restart-redis',
    atS: Math.round((at - startedAt) / 100) / 10,
    atEpochMs: at,
    affected: affected.length,
    back: oks.length,
    recoveryMs: oks.length === affected.length && oks.length ? Math.round(Math.max(...oks) - up) : affected.length ? null : 0,
    exact: 0,
    explained: 0,
    unexplained: 0,
    examples: [],
    figures: {
      redisStopMs: Math.round(stopped - at),
      redisDownMs: Math.round(starting - stopped),
      redisStartMs: Math.round(up - starting),
      readyAfterRedisMs: ready.every((x) => x !== null) ? Math.round(Math.max(...(ready as number[]))) : null,
      firstAckAfterRedisMs: Number.isFinite(firstOk) ? Math.round(firstOk - up) : null,
      crashed: servers.filter((s) => !s.alive() && !s.killedOnPurpose).map((s) => s.name).join(', ') || 'none',
      ...backTimes(oks.map((t) => t - up)),
      ...(locked.length ? { lockedByOwnerNotBack: locked.length } : {}),
    },
  };
}
