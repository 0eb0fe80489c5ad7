/**
 * `npm run demo`: creates a demo event on a running Mingle and prints its join link, organiser
 * link and QR code. Point it elsewhere with `npm run demo -- --url http://host:port` or MINGLE_URL.
 */
import QRCode from 'qrcode';
import { CreateEventResponse } from '../shared/schemas';
import { readFlags } from './lib/flags';

const USAGE = `npm run demo -- [options]
  --url URL     the running Mingle (default MINGLE_URL, else http://localhost:$PORT, 3000 unset)
  --name NAME   the event's name (default "Mingle demo night")
Sends ORGANISER_KEY as the organiser key when it is set.`;

const flags = readFlags(process.argv.slice(2), USAGE, ['url', 'name']);

async function main() {
  const base = (flags.get('url') || process.env.MINGLE_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (process.env.ORGANISER_KEY) headers.authorization = `Bearer ${process.env.ORGANISER_KEY}`;
  let res: Response;
  try {
    res = await fetch(`${base}/api/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: flags.get('name') ?? 'Mingle demo night',
        topics: ['AI', 'Climbing', 'Startups', 'Design', 'Music', 'Open source', 'Coffee', 'Travel'],
        spots: ['By the big window', 'Next to the bar', 'Under the clock', 'By the stairs'],
      }),
    });
  } catch {
    console.error(`No Mingle answered at ${base}. Start one with \`npm start\` first.`);
    process.exit(1);
  }
  const body: unknown = await res.json();
  if (!res.ok) {
    console.error(`Could not create the event (${res.status}): ${JSON.stringify(body)}`);
    process.exit(1);
  }
  const created = CreateEventResponse.parse(body);
  const qr = await QRCode.toString(created.joinUrl, { type: 'terminal', small: true });
  console.log(`\n${created.event.name}  (join code ${created.event.code})\n`);
  console.log(qr);
  console.log(`Join link:       ${created.joinUrl}`);
  console.log(`Organiser link:  ${created.dashboardUrl}#token=${created.organiserToken}`);
  console.log(`QR for a slide:  ${base}/api/events/${created.event.code}/qr.svg\n`);
}

void main();
