import '../styles/base.css';
import '../styles/controls.css';
import '../styles/chips.css';
import '../styles/organiser.css';
import '../styles/figures.css';
import '../styles/organiser-panels.css';
import '../styles/reports.css';
import '../styles/charts.css';
import '../styles/projector.css';
import '../styles/copy-link.css';
import '../styles/invite.css';
import { must } from '../shared/dom';
import { keepForOffline } from '../shared/offline-page';
import { eventIdFromPath } from './auth';
import type { Model } from './model';
import { createRenderer } from './render';
import { Session } from './session';

const regions = {
  app: must('#app'),
  title: must('#event-title'),
  status: must('#event-status'),
  connection: must('#connection'),
  barActions: must('#bar-actions'),
  notice: must('#notice'),
};

let render: (m: Model) => void = () => {};
const session = new Session(eventIdFromPath(location.pathname), (m) => render(m));
render = createRenderer(regions, session);
session.start();
keepForOffline('/organiser/');
