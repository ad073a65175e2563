/**
 * Generated from docs/agent-protocol.schema.json by json-schema-to-typescript: do not edit. Refresh with `npm run generate` (docs/web-ui.md).
 */
/**
 * The bridge agent's WebSocket protocol, version 1 (docs/agent-protocol.md): every message a page may send (RequestMessage) and every message the agent sends (AgentMessage). The contract both sides are tested against: the agent's tests check its error codes, request and event types and real messages against it; the web UI generates its types from it.
 */
export type AgentProtocol = RequestMessage | AgentMessage;
/**
 * A message from the page.
 */
export type RequestMessage =
  | HelloRequestMessage
  | ListReadersRequestMessage
  | ConnectRequestMessage
  | TransmitRequestMessage
  | TransmitBatchRequestMessage
  | DisconnectRequestMessage
  | SimInsertRequestMessage
  | SimRemoveRequestMessage;
/**
 * chosen by the page; the reply carries it
 */
export type RequestId = string;
/**
 * a command APDU in hex, either case (ISO/IEC 7816-4, short or extended)
 */
export type Apdu = string;
/**
 * A message from the agent: a result, an error or an event.
 */
export type AgentMessage = Reply | ErrorMessage | EventMessage;
/**
 * The result of a request.
 */
export type Reply =
  | HelloReplyMessage
  | ListReadersReplyMessage
  | ConnectReplyMessage
  | TransmitReplyMessage
  | TransmitBatchReplyMessage
  | DisconnectReplyMessage
  | SimInsertReplyMessage
  | SimRemoveReplyMessage;
/**
 * The closed set of error codes on the wire (agent-protocol.md, "Errors"): a page can switch on these.
 */
export type ErrorCode =
  | "MALFORMED_JSON"
  | "INVALID_MESSAGE"
  | "UNSUPPORTED_VERSION"
  | "UNKNOWN_TYPE"
  | "INVALID_APDU"
  | "NO_SUCH_READER"
  | "NO_CARD"
  | "READER_BUSY"
  | "ALREADY_CONNECTED"
  | "NOT_CONNECTED"
  | "CARD_REMOVED"
  | "PCSC_UNAVAILABLE"
  | "READER_ERROR"
  | "SIMULATION_OFF"
  | "INTERNAL_ERROR"
  | "READER_TIMEOUT";
/**
 * What changed.
 */
export type ReaderEventType = "reader-added" | "reader-removed" | "card-inserted" | "card-removed" | "reader-free";

/**
 * A hello request.
 */
export interface HelloRequestMessage {
  v: 1;
  id: RequestId;
  type: "hello";
  payload?: HelloRequest;
}
/**
 * No fields.
 */
export interface HelloRequest {}
/**
 * A list-readers request.
 */
export interface ListReadersRequestMessage {
  v: 1;
  id: RequestId;
  type: "list-readers";
  payload?: ListReadersRequest;
}
/**
 * No fields.
 */
export interface ListReadersRequest {}
/**
 * A connect request.
 */
export interface ConnectRequestMessage {
  v: 1;
  id: RequestId;
  type: "connect";
  payload?: ConnectRequest;
}
/**
 * The reader to hold.
 */
export interface ConnectRequest {
  /**
   * a reader's name as list-readers gives it
   */
  reader: string;
}
/**
 * A transmit request.
 */
export interface TransmitRequestMessage {
  v: 1;
  id: RequestId;
  type: "transmit";
  payload?: TransmitRequest;
}
/**
 * One command APDU.
 */
export interface TransmitRequest {
  apdu: Apdu;
}
/**
 * A transmit-batch request.
 */
export interface TransmitBatchRequestMessage {
  v: 1;
  id: RequestId;
  type: "transmit-batch";
  payload?: TransmitBatchRequest;
}
/**
 * Command APDUs run in order; the batch stops after the first response whose SW matches none of acceptSw.
 */
export interface TransmitBatchRequest {
  /**
   * @minItems 1
   * @maxItems 255
   */
  apdus: Apdu[];
  /**
   * 4 hex digits each, X for any digit (default ["9000"])
   */
  acceptSw?: string[];
}
/**
 * A disconnect request.
 */
export interface DisconnectRequestMessage {
  v: 1;
  id: RequestId;
  type: "disconnect";
  payload?: DisconnectRequest;
}
/**
 * Lets the held reader go.
 */
export interface DisconnectRequest {
  /**
   * reset the card as it is let go (default true); false keeps the card's session open for this page only, the reader staying leased to it until it connects again, disconnects with a reset or goes away
   */
  reset?: boolean;
}
/**
 * A sim-insert request.
 */
export interface SimInsertRequestMessage {
  v: 1;
  id: RequestId;
  type: "sim-insert";
  payload?: SimInsertRequest;
}
/**
 * No fields.
 */
export interface SimInsertRequest {}
/**
 * A sim-remove request.
 */
export interface SimRemoveRequestMessage {
  v: 1;
  id: RequestId;
  type: "sim-remove";
  payload?: SimRemoveRequest;
}
/**
 * No fields: pull the card out now; or afterExecutes: arm the removal.
 */
export interface SimRemoveRequest {
  /**
   * arm instead of pulling at once: the card is pulled right after it has carried out its n-th EXECUTE command from now (its effect stays, its response is lost)
   */
  afterExecutes?: number;
}
/**
 * The result of a hello request.
 */
export interface HelloReplyMessage {
  v: 1;
  id: RequestId;
  type: "hello";
  payload: HelloReply;
}
/**
 * Who answers.
 */
export interface HelloReply {
  agent: "cardsync-bridge-agent";
  agentVersion: string;
  protocolVersion: 1;
  /**
   * the agent hosts a simulated card (sim-insert, sim-remove work)
   */
  simulation: boolean;
  /**
   * the page's origin, as the agent checked it
   */
  origin: string;
}
/**
 * The result of a list-readers request.
 */
export interface ListReadersReplyMessage {
  v: 1;
  id: RequestId;
  type: "list-readers";
  payload: ListReadersReply;
}
/**
 * Every reader, PC/SC ones and the simulated one.
 */
export interface ListReadersReply {
  readers: ReaderInfo[];
}
/**
 * A reader as list-readers reports it.
 */
export interface ReaderInfo {
  /**
   * a reader's name as list-readers gives it
   */
  name: string;
  cardPresent: boolean;
  simulated: boolean;
  /**
   * some page (perhaps this one) holds the reader
   */
  inUse: boolean;
  /**
   * this page holds the reader
   */
  heldByYou: boolean;
}
/**
 * The result of a connect request.
 */
export interface ConnectReplyMessage {
  v: 1;
  id: RequestId;
  type: "connect";
  payload: ConnectReply;
}
/**
 * The reader now held by this page, and its card's ATR.
 */
export interface ConnectReply {
  /**
   * a reader's name as list-readers gives it
   */
  reader: string;
  /**
   * the card's answer to reset
   */
  atr: string;
}
/**
 * The result of a transmit request.
 */
export interface TransmitReplyMessage {
  v: 1;
  id: RequestId;
  type: "transmit";
  payload: ApduResponse;
}
/**
 * One command's answer.
 */
export interface ApduResponse {
  /**
   * the whole response APDU (data then SW) in upper-case hex
   */
  response: string;
  /**
   * its last two bytes
   */
  sw: string;
}
/**
 * The result of a transmit-batch request.
 */
export interface TransmitBatchReplyMessage {
  v: 1;
  id: RequestId;
  type: "transmit-batch";
  payload: TransmitBatchReply;
}
/**
 * The responses of the commands that ran.
 */
export interface TransmitBatchReply {
  responses: ApduResponse[];
  /**
   * every command ran and the last SW was accepted
   */
  complete: boolean;
}
/**
 * The result of a disconnect request.
 */
export interface DisconnectReplyMessage {
  v: 1;
  id: RequestId;
  type: "disconnect";
  payload: DisconnectReply;
}
/**
 * The reader let go.
 */
export interface DisconnectReply {
  /**
   * a reader's name as list-readers gives it
   */
  reader: string;
  /**
   * the card had already left the reader
   */
  cardRemoved: boolean;
}
/**
 * The result of a sim-insert request.
 */
export interface SimInsertReplyMessage {
  v: 1;
  id: RequestId;
  type: "sim-insert";
  payload: SimInsertReply;
}
/**
 * The simulated reader after the request.
 */
export interface SimInsertReply {
  /**
   * a reader's name as list-readers gives it
   */
  reader: string;
  cardPresent: boolean;
  /**
   * false when the card already was where the request wanted it
   */
  changed: boolean;
}
/**
 * The result of a sim-remove request.
 */
export interface SimRemoveReplyMessage {
  v: 1;
  id: RequestId;
  type: "sim-remove";
  payload: SimRemoveReply;
}
/**
 * The simulated reader after the request.
 */
export interface SimRemoveReply {
  /**
   * a reader's name as list-readers gives it
   */
  reader: string;
  cardPresent: boolean;
  /**
   * false when the card already was where the request wanted it
   */
  changed: boolean;
  /**
   * present when the request armed a removal: the EXECUTE commands it waits for
   */
  afterExecutes?: number;
}
/**
 * A refused or failed request.
 */
export interface ErrorMessage {
  v: 1;
  /**
   * the request's id; null when the agent could not read one
   */
  id: RequestId | null;
  type: "error";
  payload: ErrorPayload;
}
/**
 * Why a request was refused or failed.
 */
export interface ErrorPayload {
  code: ErrorCode;
  /**
   * for people; may change
   */
  message: string;
  /**
   * transmit-batch only: the responses of the commands that ran before it failed
   */
  responses?: ApduResponse[];
}
/**
 * An unsolicited event.
 */
export interface EventMessage {
  v: 1;
  type: "event";
  payload: EventPayload;
}
/**
 * A reader or card change, sent to every page.
 */
export interface EventPayload {
  event: ReaderEventType;
  /**
   * a reader's name as list-readers gives it
   */
  reader: string;
}
