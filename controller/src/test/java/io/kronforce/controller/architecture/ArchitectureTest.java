package io.kronforce.controller.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controller's package rules (docs/ARCHITECTURE.md), checked on the compiled classes: packages
 * form no cycle; the front doors (REST, MCP) reach use cases only, never the store and never each
 * other; only the store and the database under it run SQL; the controller sees the plug-in
 * modules only through their SPIs;
 * and only the composition root reads the wall clock — everything else is handed an
 * {@link InstantSource}, so tests can step time by hand.
 */
class ArchitectureTest {
    private static final String ROOT = "io.kronforce.controller";
    private static final String[] FRONT_DOORS = {ROOT + ".http..", ROOT + ".mcp.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesFormNoCycle() {
        check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
    }

    @Test
    void frontDoorsNeverReachTheStore() {
        check(noClasses()
                .that()
                .resideInAnyPackage(FRONT_DOORS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".store..", ROOT + ".database.."));
    }

    @Test
    void frontDoorsDoNotUseEachOther() {
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".http..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".mcp.."));
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".mcp..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".http.."));
    }

    @Test
    void onlyTheCompositionRootKnowsTheFrontDoors() {
        check(noClasses()
                .that()
                .resideOutsideOfPackages(FRONT_DOORS)
                .and()
                .resideOutsideOfPackage(ROOT + ".main..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRONT_DOORS));
    }

    @Test
    void theDomainAndTheStoreStayAtTheBottom() {
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(ROOT + ".domain..", "java..", "com.fasterxml.jackson.."));
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".store..")
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(not(resideInAnyPackage(ROOT + ".store..", ROOT + ".database..", ROOT + ".domain..")))));
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".database..")
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(not(resideInAnyPackage(ROOT + ".database..", ROOT + ".domain..", ROOT + ".duty..")))));
        // The background-duty shape is the floor under everything: it knows no other package.
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".duty..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(ROOT + ".duty..", "java.."));
    }

    @Test
    void theDashboardsPagesHoldNoData() {
        // The page and its files only: the browser reads data through the REST API like any client.
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + ".webui..")
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(ROOT + ".webui..")))));
    }

    @Test
    void onlyTheStoreRunsSql() {
        check(noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".store..", ROOT + ".database..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(PreparedStatement.class, ResultSet.class, Statement.class, DriverManager.class));
    }

    @Test
    void pluginsAreSeenOnlyThroughTheirSpis() {
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.kronforce.task.(*)..",
                        "io.kronforce.notifier.webhooks..",
                        "io.kronforce.notifier.email..",
                        "io.kronforce.notifier.twilio..",
                        "io.kronforce.agent.."));
    }

    @Test
    void onlyTheCompositionRootReadsTheWallClock() {
        // Migrations stamp applied_at when a file changes the schema: a record for people, not scheduler time.
        check(noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".main..")
                .and()
                .doNotHaveFullyQualifiedName(ROOT + ".database.Migrations")
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(InstantSource.class, "system")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone"));
    }

    @Test
    void backgroundLoopsAreDuties() {
        // One loop shape (duty.Duty): a scheduled executor would die silently on its first uncaught exception.
        check(noClasses()
                .that()
                .resideInAPackage(ROOT + "..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(ScheduledExecutorService.class, java.util.Timer.class));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
