import '../styles/base.css';
import '../styles/controls.css';
import '../styles/chips.css';
import '../styles/attendee.css';
import '../styles/match.css';
import '../styles/announcement.css';
import '../styles/sheet.css';
import '../styles/people.css';
import { must } from '../shared/dom';
import { keepForOffline } from '../shared/offline-page';
import { announceMatch } from './attention';
import type { Model } from './model';
import { createRenderer } from './render';
import { Session } from './session';
import { showBeacon } from './views/beacon';

/** `/e/abc234` -> `ABC234`; the server checks the rest. */
function codeFromPath(pathname: string): string {
  const match = /^\/e\/([^/]+)/.exec(pathname);
  return decodeURIComponent(match?.[1] ?? '').replace(/[^0-9a-z]/gi, '').toUpperCase();
}

const regions = {
  app: must('#app'),
  connection: must('#connection'),
  notice: must('#notice'),
  roomNews: must('#room-news'),
  announcement: must('#announcement'),
  afterChat: must('#after-chat'),
  eventName: must('#event-name'),
};

let render: (m: Model) => void = () => {};
const session = new Session(codeFromPath(location.pathname), {
  changed: (m) => render(m),
  matchFound: (match) => announceMatch(match, document.title),
  showBeacon,
});
render = createRenderer(regions, session);
session.start();
keepForOffline('/e/');
