/** The customer portal (index.html, served at /): see docs/web-ui.md. */
import './components/portal-app';
