package dev.orderflow.embedded;

/** PostgreSQL refuses to run as root; say so at once, with the fix, instead of failing later. */
public final class RootCheck {

    private RootCheck() {
    }

    public static void requireNonRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("""
                    Refusing to start the embedded PostgreSQL as root: PostgreSQL does not run as root.
                    Run as an ordinary user, e.g.
                        useradd -m dev && chown -R dev . && su dev -c './mvnw verify'
                    (.ci/run does exactly this on CI).""");
        }
    }
}
