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
  "/api/admin/users": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The staff accounts (helpdesk, admin) by user name; paged */
    get: {
      parameters: {
        query?: {
          page?: string;
          size?: string;
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
            "application/json": components["schemas"]["StaffUserPage"];
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
    /** Create a staff account (409 CONFLICT if any account has the name) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["NewStaffUser"];
        };
      };
      responses: {
        /** @description The new account */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StaffUser"];
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
  "/api/admin/users/{username}/disable": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Disable a staff account: its sessions end, its sign-in and HTTP Basic are refused */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          username: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["StaffAct"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StaffUser"];
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
  "/api/admin/users/{username}/enable": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Enable a disabled staff account again */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          username: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["StaffAct"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StaffUser"];
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
  "/api/admin/users/{username}/password": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a staff account's password (at least 12 characters); its sessions end */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          username: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["NewPassword"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StaffUser"];
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
  "/api/alerts": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Alerts, most recently seen first: one row per (application, kind) while open, with its count. state: open (default), acknowledged, all; kind: an AlertKind; q: a card id prefix. Paged */
    get: {
      parameters: {
        query?: {
          kind?: string;
          page?: string;
          q?: string;
          size?: string;
          state?: string;
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
            "application/json": components["schemas"]["AlertPage"];
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
  "/api/alerts/{alertId}/acknowledge": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Acknowledge (close) an open alert; the next occurrence opens a new one */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          alertId: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["StaffAct"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["AlertView"];
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
    /** A card application: counters, freeze, script in flight, pending head (100), last 10 finished actions, open alerts (20), with totals */
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
    /** Every action of the application, newest first, optionally of one state; paged */
    get: {
      parameters: {
        query?: {
          page?: string;
          size?: string;
          state?: string;
        };
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
            "application/json": components["schemas"]["ActionPage"];
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
        /** @description The queued actions, in order */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ActionView"][];
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
          "application/json": components["schemas"]["StaffAct"];
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
    /** Put a FAILED action back at the end of the pending list */
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
          "application/json": components["schemas"]["StaffAct"];
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
    /** The audit timeline of the application, newest first; paged */
    get: {
      parameters: {
        query?: {
          page?: string;
          size?: string;
        };
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
            "application/json": components["schemas"]["AuditPage"];
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
  "/api/applications/{id}/resync": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resync a frozen application to the CA its card last signed: the script in flight ends (its actions FAILED, outcome unknown), the queued actions are issued from the new CA; 409 INVALID_STATE if not frozen or the card signed nothing since the freeze */
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
          "application/json": components["schemas"]["StaffAct"];
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
  "/api/applications/{id}/unfreeze": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lift a freeze as it is (the next signed message is settled against the unchanged confirmed CA) */
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
          "application/json": components["schemas"]["StaffAct"];
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
    /** Search cards: q matches a card id by prefix, or a customer's user name, display name or e-mail by substring (case-insensitive); empty q lists every card by card id. Paged (page, size 1..100) */
    get: {
      parameters: {
        query?: {
          page?: string;
          q?: string;
          size?: string;
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
            "application/json": components["schemas"]["CardPage"];
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
    /** One card, its customer and its applications */
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
  "/api/dashboard": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Counts now (queued, in flight, failed, frozen, open alerts) and hourly activity over the last 'hours' (1..168, default 24): executed actions, resends, refused messages */
    get: {
      parameters: {
        query?: {
          hours?: string;
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
            "application/json": components["schemas"]["Dashboard"];
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
  "/api/demo-payments/{paymentId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Demo only: complete a payment as PAID (queues the top-up) or DECLINED */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          paymentId: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["PaymentOutcome"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["PortalPayment"];
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
  "/api/portal/agent": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where to download the bridge agent and how to start it */
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
            "application/json": components["schemas"]["PortalAgent"];
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
  "/api/portal/applications/{id}/block": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Block a lost or stolen card: from now on nothing but the BLOCK is sent to it */
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
          "application/json": components["schemas"]["BlockRequest"];
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
  "/api/portal/applications/{id}/parameters/{slot}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change a parameter the catalogue lets the customer change */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
          slot: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ParameterChange"];
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
  "/api/portal/applications/{id}/services": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a service from the catalogue (a LOAD_APPLICATION) */
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
          "application/json": components["schemas"]["ServiceRequest"];
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
  "/api/portal/applications/{id}/top-ups": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a top-up: checks the amount against the card's limit and opens a payment; nothing is queued yet */
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
          "application/json": components["schemas"]["TopUpRequest"];
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
  "/api/portal/cards": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The customer's cards and their applications, in the issuer's words */
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
            "application/json": components["schemas"]["PortalCard"][];
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
  "/api/portal/cards/link": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Link an unowned card: the card's AUTHENTICATE over a fresh challenge plus its activation code */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["LinkRequest"];
        };
      };
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["PortalCard"];
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
  "/api/portal/payments/{paymentId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A payment of the customer's */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          paymentId: number;
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
            "application/json": components["schemas"]["PortalPayment"];
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
  "/api/portal/products": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The catalogue's products: the card applications a customer may link (staff read it too) */
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
            "application/json": components["schemas"]["PortalProduct"][];
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
  "/api/portal/services": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The services a customer may add to a card application */
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
            "application/json": components["schemas"]["PortalServiceOffer"][];
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
        /** @description TOO_MANY_REQUESTS: over the client's rate limit (messages or challenges); Retry-After says how many seconds to wait */
        429: {
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
        /** @description A fresh challenge */
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
        /** @description TOO_MANY_REQUESTS: the client asked for too many challenges, or holds too many unused ones; CHALLENGES_EXHAUSTED: all clients together hold too many unused ones; Retry-After says how many seconds to wait */
        429: {
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
        /** @description TOO_MANY_REQUESTS: over the client's rate limit (messages or challenges); Retry-After says how many seconds to wait */
        429: {
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
        /** @description TOO_MANY_REQUESTS: over the client's rate limit (messages or challenges); Retry-After says how many seconds to wait */
        429: {
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
  "/downloads/agent/{fileName}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of the bridge agent's installable packages that GET /api/portal/agent lists */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          fileName: string;
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
            "application/octet-stream": unknown;
          };
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
  "/downloads/cardsync-agent.jar": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The bridge agent's jar, when this server offers it */
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
            "application/java-archive": unknown;
          };
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
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ActionPage: {
      items: components["schemas"]["ActionView"][];
      /** Format: int32 */
      page: number;
      /** Format: int32 */
      size: number;
      /** Format: int64 */
      total: number;
    };
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
      comment?: string;
    };
    /** @enum {string} */
    ActionType: "CREDIT" | "WRITE_PARAMETER" | "LOAD_APPLICATION_BLOCK" | "LOAD_APPLICATION_ACTIVATE" | "BLOCK" | "UNBLOCK" | "RESET_PIN_TRIES";
    ActionView: {
      /** Format: int64 */
      id: number;
      type: string;
      /** @description the script command payload, hex */
      payload: string;
      /** @description e.g. CREDIT 2000 */
      summary: string;
      /** @description QUEUED, IN_FLIGHT, EXECUTED, FAILED, CANCELLED */
      state: string;
      /** Format: int64 */
      sequence: number | null;
      /** Format: int32 */
      attempts: number;
      /** Format: int32 */
      meritFailures: number;
      reason: string | null;
      cancelRequested: boolean;
      cancelPending: boolean;
      requestedBy: string;
      createdAt: components["schemas"]["Instant"];
      updatedAt: components["schemas"]["Instant"];
    };
    AgentPackage: {
      fileName: string;
      format: components["schemas"]["AgentPackageFormat"];
      /** @description where to download it, on this server */
      url: string;
      /**
       * Format: int64
       * @description bytes
       */
      size: number;
      /** @description SHA-256 of the file, lower-case hex */
      sha256: string;
    };
    /** @enum {string} */
    AgentPackageFormat: "DEB" | "MSI" | "PKG";
    /** @enum {string} */
    AlertKind: "MAC_FAILURE" | "STALE_ATC" | "COUNTER_ANOMALY" | "RETRIES_SPENT" | "COUNTER_SATURATED" | "MESSAGE_WHILE_FROZEN" | "RATE_LIMITED" | "REPORT_MISMATCH" | "REJECTED_MESSAGE";
    AlertPage: {
      items: components["schemas"]["AlertView"][];
      /** Format: int32 */
      page: number;
      /** Format: int32 */
      size: number;
      /** Format: int64 */
      total: number;
    };
    AlertView: {
      /** Format: int64 */
      id: number;
      /** Format: int64 */
      applicationId: number | null;
      cardId: string | null;
      aid: string | null;
      kind: components["schemas"]["AlertKind"];
      /** @description the latest occurrence's detail */
      detail: string | null;
      /**
       * Format: int64
       * @description occurrences while open
       */
      count: number;
      firstSeen: components["schemas"]["Instant"];
      lastSeen: components["schemas"]["Instant"];
      acknowledged: boolean;
      acknowledgedBy: string | null;
      acknowledgedAt: ((string | components["schemas"]["Instant"] | null) | null) | components["schemas"]["Instant"] | null;
      comment: string | null;
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
      id: number;
      cardId: string;
      customer: components["schemas"]["CustomerView"] | null;
      aid: string;
      productName: string;
      /** @description ISO 4217, XXX if unknown */
      currency: string;
      /** @description ACTIVE, BLOCKED, FROZEN, ... */
      status: string;
      frozen: components["schemas"]["FreezeView"] | null;
      /** Format: int64 */
      confirmedCa: number;
      /** Format: int64 */
      lastAtc: number;
      lastMessageAt: ((string | components["schemas"]["Instant"] | null) | null) | components["schemas"]["Instant"] | null;
      /** Format: int64 */
      lastBalance: number | null;
      /** Format: int32 */
      keyVersion: number;
      inFlight: components["schemas"]["ScriptView"] | null;
      /** @description QUEUED actions in order, at most 100 */
      pending: components["schemas"]["ActionView"][];
      /** Format: int64 */
      pendingTotal: number;
      /** @description the 10 last finished actions, newest first */
      recent: components["schemas"]["ActionView"][];
      /** @description open alerts, most recent first, at most 20 */
      alerts: components["schemas"]["AlertView"][];
      /** Format: int64 */
      openAlerts: number;
    };
    /** @enum {string} */
    ApplicationStatus: "ACTIVE" | "BLOCKED" | "FROZEN";
    ApplicationSummary: {
      /** Format: int64 */
      id: number;
      aid: string;
      productName: string;
      status: string;
      /** Format: int64 */
      confirmedCa: number;
      /** Format: int64 */
      lastAtc: number;
      /** Format: int64 */
      lastBalance: number | null;
      /**
       * Format: int64
       * @description QUEUED actions
       */
      pendingActions: number;
      scriptInFlight: boolean;
      /** Format: int64 */
      openAlerts: number;
    };
    /** @enum {string} */
    AuditKind: "MESSAGE_ACCEPTED" | "MESSAGE_REJECTED" | "SETTLED" | "COUNTER_ANOMALY" | "SCRIPT_ISSUED" | "ACTION_QUEUED" | "ACTION_EXECUTED" | "ACTION_REQUEUED" | "ACTION_FAILED" | "ACTION_CANCELLED" | "ACTION_CANCEL_REQUESTED" | "ACTION_RETRIED" | "APPLICATION_FROZEN" | "APPLICATION_UNFROZEN" | "APPLICATION_STATE_CHANGED" | "PURCHASE_RECORDED" | "CARD_AUTHENTICATED" | "CARD_ISSUED" | "BLOCK_REQUESTED" | "PAYMENT_COMPLETED" | "CARD_LINKED" | "CARD_LINK_REFUSED" | "APPLICATION_RESYNCED" | "ALERT_ACKNOWLEDGED" | "USER_CREATED" | "USER_DISABLED" | "USER_ENABLED" | "PASSWORD_RESET";
    AuditPage: {
      items: components["schemas"]["AuditView"][];
      /** Format: int32 */
      page: number;
      /** Format: int32 */
      size: number;
      /** Format: int64 */
      total: number;
    };
    AuditView: {
      /** Format: int64 */
      id: number;
      at: components["schemas"]["Instant"];
      kind: components["schemas"]["AuditKind"];
      actor: string;
      messageType: string | null;
      /** Format: int64 */
      atc: number | null;
      /** Format: int64 */
      ca: number | null;
      /** Format: int64 */
      actionId: number | null;
      detail: string | null;
      /** @description the staff comment of an act */
      comment: string | null;
    };
    BlockRequest: {
      /** @enum {string} */
      reason: "LOST" | "STOLEN";
    };
    CardMessage: {
      /** @description the card's REQUEST, ACK or INFO as hex (docs/protocol.md 5) */
      message: string;
    };
    CardPage: {
      items: components["schemas"]["CardSummary"][];
      /** Format: int32 */
      page: number;
      /** Format: int32 */
      size: number;
      /** Format: int64 */
      total: number;
    };
    CardSummary: {
      cardId: string;
      /** @description null: unowned until its holder links it */
      customer: ((components["schemas"]["CustomerView"] | null) | null) | components["schemas"]["CustomerView"] | null;
      applications: components["schemas"]["ApplicationSummary"][];
    };
    ChallengeResponse: {
      /** @description 16 bytes as hex, for the REQUEST's server challenge field */
      challenge: string;
      expiresAt: components["schemas"]["Instant"];
    };
    /** @enum {string} */
    ChangeKind: "TOP_UP" | "SET_PARAMETER" | "ADD_SERVICE" | "BLOCK" | "UNBLOCK" | "RESET_PIN_TRIES";
    /** @enum {string} */
    ChangeState: "WAITING" | "BEING_APPLIED" | "APPLIED" | "REFUSED" | "CANCELLED" | "ON_HOLD";
    Credentials: {
      username: string;
      password: string;
    };
    Currency: {
      /** @description ISO 4217 code, e.g. EUR */
      code: string;
      /**
       * Format: int32
       * @description decimal places of the minor unit (EUR: 2)
       */
      minorUnits: number;
    };
    CustomerView: {
      username: string;
      displayName: string | null;
      email: string | null;
    };
    Dashboard: {
      counts: components["schemas"]["DashboardCounts"];
      activity: components["schemas"]["DashboardActivity"];
    };
    DashboardActivity: {
      from: components["schemas"]["Instant"];
      to: components["schemas"]["Instant"];
      /** Format: int32 */
      bucketMinutes: number;
      /** @description every bucket from 'from' to 'to', oldest first */
      buckets: components["schemas"]["DashboardBucket"][];
    };
    DashboardBucket: {
      start: components["schemas"]["Instant"];
      /**
       * Format: int64
       * @description ACTION_EXECUTED events
       */
      executed: number;
      /**
       * Format: int64
       * @description ACTION_REQUEUED events (resent next session)
       */
      resends: number;
      /**
       * Format: int64
       * @description MESSAGE_REJECTED events
       */
      refusals: number;
    };
    DashboardCounts: {
      /**
       * Format: int64
       * @description QUEUED actions
       */
      queued: number;
      /**
       * Format: int64
       * @description IN_FLIGHT actions
       */
      inFlight: number;
      /**
       * Format: int64
       * @description FAILED actions
       */
      failed: number;
      /**
       * Format: int64
       * @description FROZEN applications
       */
      frozen: number;
      /** Format: int64 */
      openAlerts: number;
    };
    EmptyBody: Record<string, never>;
    /** @enum {string} */
    ErrorCode: "MALFORMED_MESSAGE" | "UNSUPPORTED_VERSION" | "WRONG_MESSAGE_TYPE" | "INVALID_REQUEST" | "UNKNOWN_CARD" | "NOT_FOUND" | "BAD_MAC" | "FORBIDDEN" | "NOT_SIGNED_IN" | "SIGN_IN_FAILED" | "TOO_MANY_ATTEMPTS" | "TOO_MANY_REQUESTS" | "CSRF_TOKEN_INVALID" | "UNSUPPORTED_MEDIA_TYPE" | "PAYLOAD_TOO_LARGE" | "METHOD_NOT_ALLOWED" | "STALE_ATC" | "COUNTER_ANOMALY" | "INVALID_STATE" | "CONFLICT" | "APPLICATION_FROZEN" | "AMOUNT_OVER_LIMIT" | "PARAMETER_NOT_CHANGEABLE" | "INVALID_PARAMETER_VALUE" | "UNKNOWN_SERVICE" | "SERVICE_ALREADY_PRESENT" | "CARD_BLOCKED" | "PAYMENT_NOT_PENDING" | "ACTIVATION_FAILED" | "DATABASE_UNAVAILABLE" | "INTERNAL_ERROR" | "CHALLENGES_EXHAUSTED" | "CARD_TOO_BUSY" | "UNKNOWN_OWNER";
    FreezeView: {
      reason: string;
      /** @description when it was frozen */
      since: ((string | components["schemas"]["Instant"] | null) | null) | components["schemas"]["Instant"] | null;
      /**
       * Format: int64
       * @description the CA the card last signed: what a resync sets
       */
      signedCa: number | null;
      /** Format: int64 */
      signedAtc: number | null;
    };
    /**
     * Format: date-time
     * @example 2022-03-10T16:15:50Z
     */
    Instant: string;
    IssuanceRequest: {
      cardId?: string;
      /** @description the customer who owns it; absent: the card is unowned and the answer carries its activation code */
      owner?: string;
      applications: components["schemas"]["Application"][];
    };
    LinkRequest: {
      cardId: string;
      aid: string;
      /** @description the card's signed AUTHENTICATE REQUEST, hex, as for /api/terminal/request */
      message: string;
      /** @description XXXX-XXXX-XXXX, from the card's letter */
      activationCode: string;
    };
    /** @enum {string} */
    MessageType: "REQUEST" | "ACK" | "INFO";
    NewPassword: {
      password: string;
    };
    NewStaffUser: {
      username: string;
      displayName: string;
      email?: string;
      /** @enum {string} */
      role: "helpdesk" | "admin";
      password: string;
    };
    ParameterChange: {
      /** @description as in PortalParameter.value */
      value: string;
    };
    PaymentOutcome: {
      /** @enum {string} */
      outcome: "PAID" | "DECLINED";
    };
    /** @enum {string} */
    PaymentState: "PENDING" | "PAID" | "DECLINED";
    PortalAgent: {
      /** @description null when this server offers no download */
      downloadUrl: string | null;
      version: string;
      startCommand: string;
      /** Format: int32 */
      defaultPort: number;
      /** @description the installable packages offered (docs/agent.md); empty when none */
      packages: components["schemas"]["AgentPackage"][];
    };
    PortalApplication: {
      /** Format: int64 */
      id: number;
      cardId: string;
      aid: string;
      productName: string;
      status: components["schemas"]["ApplicationStatus"];
      /** @description the customer blocked it: only the BLOCK is sent to the card */
      blockRequested: boolean;
      currency: components["schemas"]["Currency"];
      /**
       * Format: int64
       * @description minor units, as the card last signed it
       */
      balance: number | null;
      balanceSeenAt: ((string | components["schemas"]["Instant"] | null) | null) | components["schemas"]["Instant"] | null;
      /** Format: int64 */
      purseLimit: number;
      /**
       * Format: int64
       * @description top-ups queued or being applied
       */
      pendingTopUps: number;
      /**
       * Format: int64
       * @description the most a top-up may be now
       */
      maxTopUp: number;
      parameters: components["schemas"]["PortalParameter"][];
      services: components["schemas"]["PortalService"][];
      /** @description every change not settled, then the last 20 settled; newest first */
      changes: components["schemas"]["PortalChange"][];
      support: components["schemas"]["PortalSupport"];
    };
    PortalCard: {
      cardId: string;
      applications: components["schemas"]["PortalApplication"][];
    };
    PortalChange: {
      /**
       * Format: int64
       * @description the action id; for an added service the id of its last action
       */
      id: number;
      kind: components["schemas"]["ChangeKind"];
      /** Format: int64 */
      amount: number | null;
      parameterName: string | null;
      /** @description raw, as in PortalParameter.value */
      newValue: string | null;
      serviceName: string | null;
      state: components["schemas"]["ChangeState"];
      /** @description a MeritReason name, or CANCELLED_BY_ISSUER */
      reason: string | null;
      requestedAt: components["schemas"]["Instant"];
      settledAt: ((string | components["schemas"]["Instant"] | null) | null) | components["schemas"]["Instant"] | null;
      /** @description every action of the change, for the sync progress */
      actionIds: number[];
    };
    PortalChoice: {
      key: string;
      label: string;
    };
    PortalParameter: {
      /** Format: int32 */
      slot: number;
      name: string;
      description: string;
      type: components["schemas"]["Type"];
      /** @description AMOUNT: minor units as a decimal string; CHOICE: the key; TEXT: the text */
      value: string | null;
      /** @description the value of a change not yet on the card */
      pendingValue: string | null;
      customerMayChange: boolean;
      choices: components["schemas"]["PortalChoice"][] | null;
      /** Format: int64 */
      min: number | null;
      /** Format: int64 */
      max: number | null;
      /** Format: int32 */
      maxLength: number | null;
    };
    PortalPayment: {
      /** Format: int64 */
      paymentId: number;
      /** Format: int64 */
      applicationId: number;
      /** Format: int64 */
      amount: number;
      currency: components["schemas"]["Currency"];
      state: components["schemas"]["PaymentState"];
      /**
       * Format: int64
       * @description the top-up change (CREDIT action) once paid
       */
      changeId: number | null;
    };
    PortalProduct: {
      aid: string;
      productName: string;
      /** @description the purse's currency: what issuance's amounts and the limits are in */
      currency: components["schemas"]["Currency"];
    };
    PortalService: {
      serviceId: string;
      name: string;
      description: string;
      state: components["schemas"]["ServiceState"];
    };
    PortalServiceOffer: {
      serviceId: string;
      name: string;
      description: string;
    };
    PortalSupport: {
      /** Format: int64 */
      confirmedCa: number;
      /** Format: int64 */
      lastAtc: number;
      /** Format: int32 */
      keyVersion: number;
      frozenReason: string | null;
    };
    PortalTopUp: {
      /** Format: int64 */
      paymentId: number;
      /** Format: int64 */
      amount: number;
      currency: components["schemas"]["Currency"];
      /** @description the payment page: /pay.html?payment=<id> */
      paymentUrl: string;
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
      id: number;
      /** Format: int64 */
      baseCa: number;
      /** Format: int64 */
      sessionAtc: number;
      /** Format: int32 */
      actionCount: number;
      issuedAt: components["schemas"]["Instant"];
      actions: components["schemas"]["ActionView"][];
    };
    ServiceRequest: {
      serviceId: string;
    };
    /** @enum {string} */
    ServiceState: "ACTIVE" | "BEING_ADDED";
    SessionView: {
      username: string;
      /** @enum {string} */
      role: "customer" | "helpdesk" | "admin";
      /** @description the name to show, e.g. Hana Desk */
      displayName: string | null;
    };
    Settlement: {
      /** Format: int64 */
      confirmedCa: number;
      executed: number[];
      requeued: number[];
      cancelled: number[];
      failed: number[];
    };
    StaffAct: {
      /** @description why, for the audit trail (at most 400 characters) */
      comment?: string;
    };
    StaffUser: {
      username: string;
      displayName: string | null;
      email: string | null;
      /** @enum {string} */
      role: "helpdesk" | "admin";
      disabled: boolean;
      createdAt: components["schemas"]["Instant"];
    };
    StaffUserPage: {
      items: components["schemas"]["StaffUser"][];
      /** Format: int32 */
      page: number;
      /** Format: int32 */
      size: number;
      /** Format: int64 */
      total: number;
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
    TopUpRequest: {
      /**
       * Format: int64
       * @description minor units
       */
      amount: number;
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
    /** @enum {string} */
    Type: "AMOUNT" | "CHOICE" | "TEXT";
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
