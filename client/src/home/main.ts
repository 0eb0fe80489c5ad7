import '../styles/base.css';
import '../styles/controls.css';
import '../styles/chips.css';
import '../styles/home.css';
import { must } from '../shared/dom';
import { rememberOrganiser } from './api';
import { eventForm, joinByCode } from './form';
import { eventCreated } from './result';

const app = must('#app');

function showForm(): void {
  app.replaceChildren(eventForm(showCreated), joinByCode());
}

function showCreated(created: Parameters<typeof eventCreated>[0]): void {
  rememberOrganiser(created.event.id, created.organiserToken);
  document.title = `${created.event.name} – Mingle`;
  app.replaceChildren(eventCreated(created, showForm));
  window.scrollTo(0, 0);
  must<HTMLElement>('#result-title', app).focus();
}

showForm();
