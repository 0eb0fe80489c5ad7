import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigSchema } from '../../server/config';
import { ErrorCode, errorStatus } from '../../shared/errors';
import {
  BlockPayload,
  ContactRevealed,
  ContactSharePayload,
  ContactWithdrawPayload,
  CreateEventBody,
  EmptyPayload,
  Event,
  JoinBody,
  Match,
  MatchCancelPayload,
  MatchEnded,
  MatchFeedbackPayload,
  MatchFindPayload,
  MatchLeavePayload,
  MatchMetPayload,
  MatchOpenPayload,
  MatchReminder,
  ProfileUpdate,
  ReportPayload,
  State,
  Stats,
  Waiting,
} from '../../shared/schemas';
import type { z } from 'zod';

/**
 * README.md and docs/PROTOCOL.md are what people build against: every setting, error code,
 * route, socket event and wire field in the code is documented there, and nothing documented is
 * missing from the code. A change to one without the other fails here.
 */
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const protocol = read('docs/PROTOCOL.md');
const readme = read('README.md');

/** The lines of a document from the heading (or line) `start` up to the next heading of that level or higher. */
function section(doc: string, start: string): string {
  const lines = doc.split('\n');
  const from = lines.findIndex((line) => line.startsWith(start));
  if (from < 0) throw new Error(`no section "${start}"`);
  const level = /^#+/.exec(start)?.[0].length ?? 99;
  const end = lines.findIndex((line, i) => i > from && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level);
  return lines.slice(from, end < 0 ? undefined : end).join('\n');
}

/** The rows of the Markdown table that follows `after`, as arrays of cells. */
function tableAfter(doc: string, after: string): string[][] {
  const lines = doc.split('\n');
  let i = lines.findIndex((line) => line.startsWith(after));
  if (i < 0) throw new Error(`no table after "${after}"`);
  while (i < lines.length && !lines[i]!.startsWith('|')) i++;
  const rows: string[][] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(lines[i]!.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

/** The backticked names in a cell: "`PORT`, `HOST`" gives ["PORT", "HOST"]. */
const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The event names declared in one interface of shared/events.ts. */
function eventsOf(interfaceName: string): string[] {
  const source = read('shared/events.ts');
  const body = new RegExp(`export interface ${interfaceName} \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1];
  if (!body) throw new Error(`no interface ${interfaceName}`);
  return [...body.matchAll(/^\s+'?([\w:]+)'?: \(/gm)].map((m) => m[1]!);
}

describe('docs/PROTOCOL.md errors', () => {
  const rows = tableAfter(protocol, '## Errors');
  const documented = new Map(rows.map(([code, status]) => [ticked(code!)[0]!, Number(status)]));

  test.each(Object.values(ErrorCode))('%s is in the errors table with its HTTP status', (code) => {
    expect(documented.get(code)).toBe(errorStatus[code]);
  });

  test('the table lists no code the server does not have', () => {
    expect([...documented.keys()].filter((code) => !(code in ErrorCode))).toEqual([]);
  });
});

describe('docs/PROTOCOL.md error shape', () => {
  // WireError's fields, as the doc writes them: `name`, or `name?` where it may be left out.
  const wire = /export interface WireError \{([^}]*)\}/.exec(read('shared/errors.ts'))![1]!;
  const fields = [...wire.matchAll(/^\s+(\w+\??):/gm)].map((m) => m[1]!).sort();
  // Every place the doc spells the error out: HTTP bodies and socket acks alike.
  const spelled = [...protocol.matchAll(/error"?: \{([^{}]*)\}/g)].map((m) => m[1]!);

  test('the error was found, spelled out in both', () => {
    expect(fields).toEqual(expect.arrayContaining(['code', 'message']));
    expect(spelled.length).toBeGreaterThanOrEqual(3);
  });

  test.each(spelled)('{%s} has exactly the fields of WireError', (body) => {
    expect(body.split(',').map((f) => f.trim().replace(/"/g, '')).sort()).toEqual(fields);
  });
});

describe('docs/PROTOCOL.md HTTP routes', () => {
  const httpDir = path.join(ROOT, 'server/http');
  const routes = readdirSync(httpDir)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(path.join(httpDir, file), 'utf8').matchAll(/\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map(
        (m) => `${m[1]!.toUpperCase()} ${m[2]}`,
      ),
    );

  test('the routes were found', () => {
    expect(routes).toEqual(expect.arrayContaining(['POST /api/events', 'GET /healthz', 'DELETE /api/me']));
  });

  test.each([...new Set(routes)])('%s is documented', (route) => {
    const escaped = route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(protocol).toMatch(new RegExp(`${escaped}(?![\\w/:.-])`));
  });

  test('the routes with a per-address limit are those the docs say: the write routes, joining and the costly reads', () => {
    // A route's options come between its path and its handler: `app.post('/api/events', writeLimit, …)`.
    const limited = readdirSync(httpDir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        [...readFileSync(path.join(httpDir, file), 'utf8').matchAll(/\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)',\s*[A-Za-z]\w*Limit\b|\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)',\s*(?:write|costlyRead)\b/g)].map(
          (m) => `${(m[1] ?? m[3])!.toUpperCase()} ${m[2] ?? m[4]}`,
        ),
      );
    // PROTOCOL's Organiser routes: every one but GET /api/events/:id/organiser is limited.
    const organiserRoutes = routes.filter((route) => / \/api\/events\/:id\b/.test(route) && route !== 'GET /api/events/:id/organiser');
    expect(limited.sort()).toEqual(['POST /api/events', 'POST /api/events/:code/attendees', ...organiserRoutes].sort());
    // An attendee's own routes have none (README's RATE_LIMIT_PER_MINUTE says so).
    expect(limited.filter((route) => route.includes('/api/me'))).toEqual([]);
  });

  test('every documented route is served', () => {
    const documented = [...protocol.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s[?]*)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(documented.length).toBeGreaterThan(10);
    expect([...new Set(documented)].filter((route) => !routes.includes(route))).toEqual([]);
  });
});

describe('docs/PROTOCOL.md socket events, each under its direction', () => {
  const attendee = section(protocol, '## Socket.IO: namespace `/attendee`');
  const organiser = section(protocol, '## Socket.IO: namespace `/organiser`');
  const rowNames = (doc: string, heading: string) => tableAfter(section(doc, heading), heading).map(([name]) => ticked(name!)[0]!);
  const paragraph = (doc: string, start: string) => doc.slice(doc.indexOf(start)).split('\n\n')[0]!;

  test('phone → server: the table lists exactly the events the server takes', () => {
    expect(rowNames(attendee, '### Client → server').sort()).toEqual(eventsOf('ClientToServerEvents').sort());
  });

  test('server → phone: the table lists exactly the events the server sends', () => {
    expect(rowNames(attendee, '### Server → client').sort()).toEqual(eventsOf('ServerToClientEvents').sort());
  });

  test.each(eventsOf('OrganiserClientToServerEvents'))('dashboard → server: %s', (event) => {
    expect(paragraph(organiser, 'Dashboard → server')).toContain(`\`${event} `);
  });

  test.each(eventsOf('OrganiserServerToClientEvents'))('server → dashboard: %s', (event) => {
    expect(organiser).toMatch(new RegExp(`\`${event}[\` ]`));
    expect(paragraph(organiser, 'Server → dashboard')).toContain(`\`${event}`);
  });
});

describe('docs/PROTOCOL.md wire fields', () => {
  test('the event object lists every field of Event', () => {
    const line = protocol.split('\n').find((l) => l.startsWith('- `event`: `{'))!;
    const fields = /`\{([^`]*)\}`/.exec(line)![1]!;
    for (const key of Object.keys(Event.shape)) expect(fields).toMatch(new RegExp(`(^|[ ,{])${key}[,:}]|(^|[ ,{])${key}$`));
  });

  test.each([
    ['`Match`:', Match.shape],
    ['`Stats`:', Stats.shape],
  ])('the %s table lists exactly its schema fields', (heading, shape) => {
    const documented = tableAfter(protocol, heading).flatMap(([field]) => ticked(field!));
    expect(documented.sort()).toEqual(Object.keys(shape).sort());
  });
});

/**
 * The fields of the first `{...}` in a cell, as `name` or `name?` (optional): top-level only, so
 * `{matchId, contacts: [{attendeeId, name}]}` gives matchId and contacts.
 */
function documentedFields(cell: string): string[] {
  const body = /`\{(.*?)\}`/.exec(cell.replace(/\\\|/g, '|'))?.[1];
  if (body === undefined) throw new Error(`no {...} in "${cell}"`);
  const fields: string[] = [];
  let depth = 0;
  let part = '';
  for (const ch of `${body},`) {
    if ('{[('.includes(ch)) depth++;
    if ('}])'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      const name = /^\s*(\w+\??)/.exec(part)?.[1];
      if (name) fields.push(name);
      part = '';
    } else part += ch;
  }
  return fields.sort();
}

/** A schema's fields as the doc writes them: `name`, or `name?` where it may be left out. */
function schemaFields(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
  return Object.entries(shape)
    .map(([name, field]) => (field.safeParse(undefined).success ? `${name}?` : name))
    .sort();
}

describe('docs/PROTOCOL.md socket payloads, field by field', () => {
  const attendee = section(protocol, '## Socket.IO: namespace `/attendee`');
  const rows = (heading: string) => new Map(tableAfter(section(attendee, heading), heading).map(([name, payload]) => [ticked(name!)[0]!, payload!]));

  const sent: Record<string, z.ZodType> = {
    'match:find': MatchFindPayload,
    'match:cancel': MatchCancelPayload,
    'match:met': MatchMetPayload,
    'match:leave': MatchLeavePayload,
    'match:open': MatchOpenPayload,
    'profile:update': ProfileUpdate,
    'contact:share': ContactSharePayload,
    'contact:withdraw': ContactWithdrawPayload,
    'match:feedback': MatchFeedbackPayload,
    'attendee:block': BlockPayload,
    'attendee:report': ReportPayload,
    'me:forget': EmptyPayload,
  };

  test('every event the phone sends has its schema here', () => {
    expect(Object.keys(sent).sort()).toEqual(eventsOf('ClientToServerEvents').sort());
  });

  test.each(Object.entries(sent))('phone → server: %s', (event, schema) => {
    expect(documentedFields(rows('### Client → server').get(event)!)).toEqual(schemaFields(schema));
  });

  test.each([
    ['state', State],
    ['match:ended', MatchEnded],
    ['match:reminder', MatchReminder],
    ['match:waiting', Waiting],
    ['contact:revealed', ContactRevealed],
  ] as const)('server → phone: %s', (event, schema) => {
    expect(documentedFields(rows('### Server → client').get(event)!)).toEqual(schemaFields(schema));
  });

  test.each([
    ['### `POST /api/events`', CreateEventBody],
    ['### `POST /api/events/:code/attendees`', JoinBody],
  ] as const)('%s: the body table lists exactly its fields', (heading, schema) => {
    const names = tableAfter(section(protocol, heading), '| field').flatMap(([field]) => ticked(field!)).map((f) => f.replace(/\?$/, ''));
    expect(names.sort()).toEqual(Object.keys((schema as unknown as { shape: object }).shape).sort());
  });
});

describe('README.md settings', () => {
  const rows = tableAfter(readme, '### Settings');
  const documented = rows.flatMap(([names, defaults]) => {
    const vars = ticked(names!);
    // A default written as code literals, one per variable ("`3000`, `0.0.0.0`"); anything
    // else ("unset", "random", a sentence) is worked out at boot, so the schema has none.
    const literals = /^`[^`]*`(, `[^`]*`)*$/.test(defaults!) ? ticked(defaults!) : null;
    return vars.map((name, i) => ({ name, literal: literals?.[i] ?? null }));
  });
  const shape = ConfigSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;

  test('the table lists exactly the variables config.ts reads', () => {
    expect(documented.map((d) => d.name).sort()).toEqual(Object.keys(shape).sort());
  });

  test.each(documented)('$name: the documented default is the real one', ({ name, literal }) => {
    const parsed = shape[name]!.safeParse(undefined);
    expect(parsed.success).toBe(true);
    if (literal === null) expect(parsed.data).toBeUndefined();
    else expect(String(parsed.data)).toBe(literal);
  });

  test('CI runs the test command the README gives', () => {
    expect(readme).toContain('```sh\nnpm test\n```');
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });
});

/** Every .ts file under `dir`, read, with `\'` unescaped so a message reads as it is sent. */
function sources(dir: string): string {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => read(path.join(dir, file)).replace(/\\'/g, "'"))
    .join('\n');
}

describe('README.md log lines', () => {
  // What the README tells an operator to look for, as it quotes them: `…` stands for the rest.
  const quoted = [
    'Mingle is listening',
    'stopped',
    'redis connection lost; reconnecting until it answers',
    'matching tick failed; …',
    'presence refresh failed; …',
    'the shared HTTP limits cannot reach Redis, …',
    'redis ready',
    'matching ticks succeed again',
    'presence refresh succeeds again',
    'the shared HTTP limits reach Redis again; …',
  ];
  // The message of every pino call in the server: the string after the optional bindings.
  const logged = [
    ...sources('server').matchAll(/\blogger\.(?:fatal|error|warn|info|debug|trace)\(\s*(?:\{[^{}]*\}\s*,\s*)?(['"`])((?:(?!\1).)+)\1/g),
  ].map((m) => m[2]!);

  test('the log calls were found', () => {
    expect(logged).toEqual(expect.arrayContaining(['Mingle is listening', 'stopped']));
  });

  test.each(quoted)('`%s` is in the README and logged as it says', (line) => {
    expect(readme).toContain(`\`${line}\``);
    const prefix = line.replace(/ …$/, '');
    expect(logged.filter((msg) => (line.endsWith('…') ? msg.startsWith(prefix) : msg === line))).not.toEqual([]);
  });
});

describe('docs/PROTOCOL.md quoted messages', () => {
  // A refusal's message, quoted whole ("This event is full.") or in part after its code
  // (`CONFLICT` "Find them first…"): the code says each one, word for word.
  const words = (quote: string) => quote.replace(/\s+/g, ' ');
  const whole = [...protocol.matchAll(/"([A-Z][^"]*\.)"/g)].map((m) => words(m[1]!));
  const begun = [...protocol.matchAll(/`[A-Z_]+` "([A-Z][^"]*)…"/g)].map((m) => words(m[1]!));
  const code = ['server', 'shared', 'client/src'].map(sources).join('\n');

  test('the messages were found', () => {
    expect(whole).toEqual(expect.arrayContaining(['This event is full.', 'The request body must be a JSON object.']));
    expect(begun).toContain('Find them first');
  });

  test.each([...new Set([...whole, ...begun])])('"%s" is what the code says', (message) => {
    expect(code.includes(message) ? message : 'no such message in the code').toBe(message);
  });
});

describe('docs/PROTOCOL.md metrics', () => {
  const names = [...read('server/metrics.ts').matchAll(/name: '(mingle_\w+)'/g)].map((m) => m[1]!);
  const documented = section(protocol, '### `GET /healthz`');

  test('the metrics were found', () => {
    expect(names).toContain('mingle_connections');
  });

  test.each(names)('%s is documented', (name) => {
    expect(documented).toContain(`\`${name}\``);
  });

  test('every documented mingle_ metric is served', () => {
    expect([...documented.matchAll(/`(mingle_\w+)`/g)].map((m) => m[1]!).filter((name) => !names.includes(name))).toEqual([]);
  });
});
