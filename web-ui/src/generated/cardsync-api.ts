/**
 * Generated from docs/openapi.json by openapi-typescript: do not edit. Refresh with `npm run generate` (docs/web-ui.md).
 */
export interface paths {
  "/api/admin/cards": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Register a card with its applications; returns the personalisation file (secret: it holds the card keys) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["IssuanceRequest"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": unknown;
          };
        };
        /** @description Bad Request */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/applications/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Card application detail: counters, pending list, in-flight script, history, alerts */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApplicationDetail"];
          };
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/applications/{id}/actions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue an action (LOAD_APPLICATION becomes several: its blocks and an activation) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ActionRequest"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": unknown;
          };
        };
        /** @description Bad Request */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/applications/{id}/actions/{actionId}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel: a QUEUED action at once, an IN_FLIGHT one when a later signed message settles it */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          actionId: number;
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["OperatorAct"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApplicationDetail"];
          };
        };
        /** @description Bad Request */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/applications/{id}/actions/{actionId}/retry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Put a FAILED action back in the pending list */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          actionId: number;
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["OperatorAct"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApplicationDetail"];
          };
        };
        /** @description Bad Request */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/applications/{id}/audit": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit timeline of a card application */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["AuditView"][];
          };
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/applications/{id}/unfreeze": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lift a freeze, with a comment for the audit trail */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["UnfreezeRequest"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApplicationDetail"];
          };
        };
        /** @description Bad Request */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/cards": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List or search cards (a customer sees their own only) */
    get: {
      parameters: {
        query?: {
          q?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["CardSummary"][];
          };
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/cards/{cardId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One card and its applications */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          cardId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["CardSummary"];
          };
        };
        /** @description Not Authorized */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Not Allowed */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/session": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who is signed in (401 NOT_SIGNED_IN if nobody); sets the CSRF cookie if it is missing */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["SessionView"];
          };
        };
      };
    };
    put?: never;
    /** Sign in with user name and password; answers with the session cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["Credentials"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": unknown;
          };
        };
        /** @description Bad Request */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/session/sign-out": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: ends the session on the server and clears its cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["EmptyBody"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": unknown;
          };
        };
        /** @description Bad Request */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/terminal/ack": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A signed ACK: settles the script of the session it closes */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["CardMessage"];
        };
      };
      responses: {
        /** @description Accepted: what the signed counter settled, and the next script */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["TerminalResponse"];
          };
        };
        /** @description MALFORMED_MESSAGE, UNSUPPORTED_VERSION, WRONG_MESSAGE_TYPE or INVALID_REQUEST */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description BAD_MAC */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description UNKNOWN_CARD */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description STALE_ATC or COUNTER_ANOMALY */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description APPLICATION_FROZEN */
        423: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/terminal/challenge": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A fresh one-time server challenge for an AUTHENTICATE REQUEST (body {}) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["EmptyBody"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ChallengeResponse"];
          };
        };
        /** @description Bad Request */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/terminal/info": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A signed INFO: settles whatever is in flight (deferred report) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["CardMessage"];
        };
      };
      responses: {
        /** @description Accepted: what the signed counter settled, and the next script */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["TerminalResponse"];
          };
        };
        /** @description MALFORMED_MESSAGE, UNSUPPORTED_VERSION, WRONG_MESSAGE_TYPE or INVALID_REQUEST */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description BAD_MAC */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description UNKNOWN_CARD */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description STALE_ATC or COUNTER_ANOMALY */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description APPLICATION_FROZEN */
        423: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/terminal/request": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A signed REQUEST: settles the counter and answers with the transaction and the next script */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["CardMessage"];
        };
      };
      responses: {
        /** @description Accepted: what the signed counter settled, and the next script */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["TerminalResponse"];
          };
        };
        /** @description MALFORMED_MESSAGE, UNSUPPORTED_VERSION, WRONG_MESSAGE_TYPE or INVALID_REQUEST */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description BAD_MAC */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description UNKNOWN_CARD */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description STALE_ATC or COUNTER_ANOMALY */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
        /** @description APPLICATION_FROZEN */
        423: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ApiError"];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ActionRequest: {
      type: string;
      /** Format: int64 */
      amount?: number;
      /** Format: int32 */
      slot?: number;
      value?: string;
      /** Format: int32 */
      appId?: number;
      record?: string;
    };
    /** @enum {string} */
    ActionType: "CREDIT" | "WRITE_PARAMETER" | "LOAD_APPLICATION_BLOCK" | "LOAD_APPLICATION_ACTIVATE" | "BLOCK" | "UNBLOCK" | "RESET_PIN_TRIES";
    ActionView: {
      /** Format: int64 */
      id?: number;
      type?: string;
      payload?: string;
      state?: string;
      /** Format: int64 */
      sequence?: number;
      /** Format: int32 */
      attempts?: number;
      /** Format: int32 */
      meritFailures?: number;
      reason?: string;
      cancelPending?: boolean;
      requestedBy?: string;
      createdAt?: components["schemas"]["Instant"];
      updatedAt?: components["schemas"]["Instant"];
    };
    AlertView: {
      /** Format: int64 */
      id?: number;
      at?: components["schemas"]["Instant"];
      kind?: string;
      detail?: string;
      acknowledged?: boolean;
    };
    ApiError: {
      /** @description one of docs/api.md's closed set of error codes */
      code: components["schemas"]["ErrorCode"];
      message: string;
    };
    Application: {
      aid: string;
      /** Format: int64 */
      purseLimit: number;
      /** Format: int64 */
      balance: number;
      pin: string;
      /** Format: int32 */
      pinTryLimit: number;
      parameters?: {
        [key: string]: string;
      };
    };
    ApplicationDetail: {
      /** Format: int64 */
      id?: number;
      cardId?: string;
      owner?: string;
      aid?: string;
      status?: string;
      frozenReason?: string;
      /** Format: int64 */
      confirmedCa?: number;
      /** Format: int64 */
      lastAtc?: number;
      /** Format: int64 */
      lastBalance?: number;
      /** Format: int32 */
      keyVersion?: number;
      pending?: components["schemas"]["ActionView"][];
      inFlight?: components["schemas"]["ScriptView"];
      history?: components["schemas"]["ActionView"][];
      alerts?: components["schemas"]["AlertView"][];
    };
    ApplicationSummary: {
      /** Format: int64 */
      id?: number;
      aid?: string;
      status?: string;
      /** Format: int64 */
      confirmedCa?: number;
      /** Format: int64 */
      lastAtc?: number;
      /** Format: int64 */
      lastBalance?: number;
      /** Format: int64 */
      pendingActions?: number;
      scriptInFlight?: boolean;
    };
    AuditView: {
      /** Format: int64 */
      id?: number;
      at?: components["schemas"]["Instant"];
      kind?: string;
      actor?: string;
      messageType?: string;
      /** Format: int64 */
      atc?: number;
      /** Format: int64 */
      ca?: number;
      /** Format: int64 */
      actionId?: number;
      detail?: string;
    };
    CardMessage: {
      /** @description the card's REQUEST, ACK or INFO as hex (docs/protocol.md 5) */
      message: string;
    };
    CardSummary: {
      cardId?: string;
      owner?: string;
      applications?: components["schemas"]["ApplicationSummary"][];
    };
    ChallengeResponse: {
      /** @description 16 bytes as hex, for the REQUEST's server challenge field */
      challenge: string;
      expiresAt: components["schemas"]["Instant"];
    };
    Credentials: {
      username: string;
      password: string;
    };
    EmptyBody: Record<string, never>;
    /** @enum {string} */
    ErrorCode: "MALFORMED_MESSAGE" | "UNSUPPORTED_VERSION" | "WRONG_MESSAGE_TYPE" | "INVALID_REQUEST" | "UNKNOWN_CARD" | "NOT_FOUND" | "BAD_MAC" | "FORBIDDEN" | "NOT_SIGNED_IN" | "SIGN_IN_FAILED" | "TOO_MANY_ATTEMPTS" | "CSRF_TOKEN_INVALID" | "UNSUPPORTED_MEDIA_TYPE" | "PAYLOAD_TOO_LARGE" | "METHOD_NOT_ALLOWED" | "STALE_ATC" | "COUNTER_ANOMALY" | "INVALID_STATE" | "CONFLICT" | "APPLICATION_FROZEN" | "INTERNAL_ERROR";
    /**
     * Format: date-time
     * @example 2022-03-10T16:15:50Z
     */
    Instant: string;
    IssuanceRequest: {
      cardId?: string;
      owner: string;
      applications: components["schemas"]["Application"][];
    };
    /** @enum {string} */
    MessageType: "REQUEST" | "ACK" | "INFO";
    OperatorAct: {
      comment?: string;
    };
    ScriptCommand: {
      /** Format: int64 */
      actionId: number;
      /** Format: int64 */
      sequence: number;
      type: components["schemas"]["ActionType"];
      /** @description the EXECUTE command, MACed by the server for this card: relayed as is */
      apdu: string;
    };
    ScriptView: {
      /** Format: int64 */
      id?: number;
      /** Format: int64 */
      baseCa?: number;
      /** Format: int64 */
      sessionAtc?: number;
      /** Format: int32 */
      actionCount?: number;
      issuedAt?: components["schemas"]["Instant"];
      actions?: components["schemas"]["ActionView"][];
    };
    SessionView: {
      username: string;
      /** @enum {string} */
      role: "customer" | "helpdesk" | "admin";
    };
    Settlement: {
      /** Format: int64 */
      confirmedCa: number;
      executed: number[];
      requeued: number[];
      cancelled: number[];
      failed: number[];
    };
    TerminalResponse: {
      messageType: components["schemas"]["MessageType"];
      /** Format: int64 */
      atc: number;
      /** Format: int64 */
      ca: number;
      settlement: components["schemas"]["Settlement"] | null;
      transaction: components["schemas"]["Transaction"] | null;
      script: components["schemas"]["TerminalScript"] | null;
    };
    TerminalScript: {
      /** Format: int64 */
      scriptId: number | null;
      /** Format: int64 */
      sessionAtc: number;
      /** Format: int64 */
      baseCa: number;
      commands: components["schemas"]["ScriptCommand"][];
      morePending: boolean;
    };
    Transaction: {
      type: components["schemas"]["TransactionType"];
      approved: boolean;
      detail: string;
      /** Format: int64 */
      amount: number;
      /** Format: int64 */
      balance: number;
    };
    /** @enum {string} */
    TransactionType: "SYNC" | "PURCHASE" | "AUTHENTICATE";
    UnfreezeRequest: {
      comment: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
