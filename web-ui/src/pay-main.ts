/** The demo payment provider's page (pay.html): see docs/web-ui.md, "Top up". */
import './components/demo-payment';
