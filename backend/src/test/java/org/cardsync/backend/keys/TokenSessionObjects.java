package org.cardsync.backend.keys;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the secret keys that live as session objects (CKA_TOKEN=false) in a token, as C_FindObjects sees them from
 * this process: PKCS#11 session objects are visible to every session of the application that made them, and to no
 * other process (so pkcs11-tool could not count them). Goes through SunPKCS11's own PKCS#11 wrapper, which is not
 * exported (surefire's argLine adds the export); the wrapper is one instance per library, the provider's.
 */
final class TokenSessionObjects {
    private static final long CKF_SERIAL_SESSION = 0x4;
    private static final long CKA_CLASS = 0x0;
    private static final long CKA_TOKEN = 0x1;
    private static final long CKO_SECRET_KEY = 0x4;

    private TokenSessionObjects() {
    }

    static int secretKeys(Path sunPkcs11Config) {
        try {
            String config = Files.readString(sunPkcs11Config);
            String library = setting(config, "library");
            long slot = Long.parseLong(setting(config, "slot"));
            Class<?> pkcs11 = Class.forName("sun.security.pkcs11.wrapper.PKCS11");
            Class<?> attribute = Class.forName("sun.security.pkcs11.wrapper.CK_ATTRIBUTE");
            Object wrapper = pkcs11.getMethod("getInstance", String.class, String.class,
                    Class.forName("sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS"), boolean.class)
                    .invoke(null, library, "C_GetFunctionList", null, false);
            long session = (long) pkcs11.getMethod("C_OpenSession", long.class, long.class, Object.class,
                    Class.forName("sun.security.pkcs11.wrapper.CK_NOTIFY")).invoke(wrapper, slot, CKF_SERIAL_SESSION,
                    null, null);
            try {
                Object template = Array.newInstance(attribute, 2);
                Array.set(template, 0, attribute.getConstructor(long.class, long.class).newInstance(CKA_CLASS,
                        CKO_SECRET_KEY));
                Array.set(template, 1, attribute.getConstructor(long.class, boolean.class).newInstance(CKA_TOKEN, false));
                pkcs11.getMethod("C_FindObjectsInit", long.class, template.getClass()).invoke(wrapper, session, template);
                long[] found = (long[]) pkcs11.getMethod("C_FindObjects", long.class, long.class)
                        .invoke(wrapper, session, 1_000_000L);
                pkcs11.getMethod("C_FindObjectsFinal", long.class).invoke(wrapper, session);
                return found.length;
            } finally {
                pkcs11.getMethod("C_CloseSession", long.class).invoke(wrapper, session);
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("could not count the token's session objects", e instanceof
                    InvocationTargetException ite ? ite.getCause() : e);
        }
    }

    private static String setting(String config, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + "\\s*=\\s*(.+?)\\s*$").matcher(config);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in the SunPKCS11 configuration");
        }
        return m.group(1);
    }
}
