import '../styles/base.css';
import '../styles/controls.css';
import '../styles/chips.css';
import '../styles/home.css';
import '../styles/organised-events.css';
import '../styles/copy-link.css';
import { fill, must } from '../shared/dom';
import { rememberOrganiser } from './api';
import { eventForm, joinByCode } from './form';
import { organisedEvents } from './organised';
import { eventCreated } from './result';

const app = must('#app');
/** The page's own title, back once "Create another event" leaves the one just created. */
const homeTitle = document.title;

function showForm(): void {
  document.title = homeTitle;
  // In this order for the laptop's keyboard; home.css puts the join box first on a phone.
  fill(app, eventForm(showCreated), organisedEvents(), joinByCode());
}

function showCreated(created: Parameters<typeof eventCreated>[0]): void {
  rememberOrganiser(created);
  document.title = `${created.event.name} – Mingle`;
  app.replaceChildren(eventCreated(created, showForm));
  // The event, not the page's welcome above it: on a 1280×720 laptop the welcome pushed the QR
  // code's foot and "Open dashboard" below the first screen.
  app.scrollIntoView({ block: 'start' });
  must<HTMLElement>('#result-title', app).focus({ preventScroll: true });
}

showForm();
