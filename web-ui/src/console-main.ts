/** The helpdesk console (console.html, served at /console.html): see docs/web-ui.md, "The helpdesk console". */
import './components/console/console-app';
import './components/console/console-search';
import './components/console/console-application';
import './components/console/console-alerts';
import './components/console/console-dashboard';
import './components/console/console-issue';
import './components/console/console-staff';
