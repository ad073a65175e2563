package org.cardsync.backend.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.cardsync.backend.error.ApiError;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.TransactionType;
import org.junit.jupiter.api.Test;

/**
 * The answers' closed code sets are enums so that the OpenAPI document lists their values; on the wire they
 * stay the plain names of docs/api.md and docs/protocol.md, written by the application's own ObjectMapper.
 */
@QuarkusTest
class WireCodeNamesTest {
    @Inject
    ObjectMapper json;

    @Test
    void apiError_writesTheCodeAsItsName() throws Exception {
        assertThat(json.writeValueAsString(ApiError.of(ErrorCode.BAD_MAC, "no")))
                .isEqualTo("{\"code\":\"BAD_MAC\",\"message\":\"no\"}");
    }

    @Test
    void terminalResponse_writesMessageTransactionAndActionTypesAsTheirNames() throws Exception {
        TerminalResponse response = new TerminalResponse(MessageType.REQUEST, 7, 3, null,
                new TerminalResponse.Transaction(TransactionType.PURCHASE, true, "ok", 100, 400),
                new TerminalResponse.ScriptView(null, 7, 3,
                        List.of(new TerminalResponse.Command(41, 4, ActionType.WRITE_PARAMETER, "80420000")),
                        false));
        String written = json.writeValueAsString(response);
        assertThat(written)
                .contains("\"messageType\":\"REQUEST\"")
                .contains("\"type\":\"PURCHASE\"")
                .contains("\"type\":\"WRITE_PARAMETER\"");
    }
}
