/** The helpdesk console (console.html, served at /console.html): see docs/web-ui.md, "The helpdesk console". */
import './components/console/console-app';
import './components/console/console-search';
import './components/console/console-application';
