/**
 * The backend's staff endpoints (CONSOLE-CONTRACT.md, section 2), typed, through the one
 * {@link Backend} wrapper. No display text here: callers get data or a BackendError.
 */
import { SessionApi } from './session-api';

export class ConsoleApi extends SessionApi {}
