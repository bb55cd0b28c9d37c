package io.kronforce.controller.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.fixtures.TestDatabase;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.store.AuditStore;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While Litestream replicates the file, a VACUUM is refused and the file is left as it is. */
class VacuumTest {
    @TempDir
    Path dir;

    TestDatabase tdb;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    @Test
    void aReplicatedDatabaseIsNotVacuumed() {
        AuditStore audits = new AuditStore(tdb.db());
        Vacuum vacuum = new Vacuum(tdb.db(), new AuditTrail(audits, InstantSource.system()), true);
        KronforceException.Conflict refused =
                assertThrows(KronforceException.Conflict.class, () -> vacuum.run(Principal.SYSTEM));
        assertEquals(ProblemType.NOT_WHILE_REPLICATING, refused.type());
        assertEquals(409, refused.type().status());
        assertTrue(refused.getMessage().contains("Litestream"), refused.getMessage());
    }
}
