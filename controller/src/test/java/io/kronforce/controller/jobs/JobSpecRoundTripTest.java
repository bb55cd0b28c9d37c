package io.kronforce.controller.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.spec.Dependency;
import io.kronforce.controller.domain.spec.JobSpec;
import io.kronforce.controller.domain.spec.Schedule;
import io.kronforce.controller.domain.spec.Target;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed spec writes back exactly the stored form the request checks produce: the same fields,
 * order, nulls and number forms, whether read from the checked tree or from the stored text.
 */
class JobSpecRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JobSpecs SPECS =
            new JobSpecs(HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse("127.0.0.1/32"))));
    private static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).getParent().resolve("examples");
    private static final String TASK = "'task':{'type':'shell','command':'echo hi'}";

    /** Every schedule kind, every target kind, and each optional field set and unset. */
    private static final List<String> BODIES = List.of(
            "{" + TASK + ",'schedule':{'type':'on_demand'}}",
            "{" + TASK + ",'schedule':{'type':'manual'}}",
            "{" + TASK + ",'schedule':{'type':'cron','value':' 0 9 * * MON-FRI '},'timezone':'Europe/Paris',"
                    + "'misfire_policy':'run_all'}",
            "{" + TASK + ",'schedule':{'type':'one_shot','value':'2030-01-02T03:04:05+02:00'}}",
            "{" + TASK + ",'schedule':{'type':'interval','value':{'interval_secs':90}},'max_concurrent':2,"
                    + "'concurrency_policy':'queue'}",
            "{" + TASK + ",'schedule':{'type':'event','value':{'kind_pattern':'execution.*','severity':'error',"
                    + "'job_name_filter':'etl'}}}",
            "{" + TASK + ",'schedule':{'type':'event','value':{'kind_pattern':'job.created'}}}",
            "{" + TASK + ",'schedule':{'type':'calendar','value':{'anchor':'day_15','hour':12,'minute':30}}}",
            "{" + TASK + ",'schedule':{'type':'calendar','value':{'minute':5,'anchor':'last_friday'}}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'target':{'type':'local'}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'target':{'type':'agent','agent_id':'a1'}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'target':{'type':'tagged','tag':'batch'}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'target':{'type':'any'}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'target':{'type':'all'}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'target':{'type':'function',"
                    + "'url':'http://127.0.0.1:9/fn','secret':'{{FN_SECRET}}'}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'description':'nightly','run_as':'svc.batch',"
                    + "'timeout_secs':30,'group':'ETL','retry_max':3,'retry_delay_secs':10,'retry_backoff':2.5,"
                    + "'approval_required':true,'priority':-4,'sla_deadline':'06:30','sla_warning_mins':15,"
                    + "'starts_at':'2030-01-01T00:00:00+01:00','expires_at':'2031-01-01T00:00:00Z'}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'group':'  '}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'notifications':{'on_failure':true,'emails':['a@b.c']}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'output_rules':{'extractions':[{'name':'n',"
                    + "'pattern':'v=(\\\\d+)','type':'regex'}],'assertions':[{'pattern':'ok'}]}}",
            "{" + TASK + ",'schedule':{'type':'on_demand'},'parameters':[{'name':'env','param_type':'select',"
                    + "'options':['dev','prod'],'required':true},{'name':'note'}]}");

    static Stream<String> bodies() throws Exception {
        List<String> all =
                new ArrayList<>(BODIES.stream().map(b -> b.replace('\'', '"')).toList());
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.add(Files.readString(p));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void writesBackTheStoredFormByteForByte(String body) throws Exception {
        ObjectNode stored = SPECS.normalize((ObjectNode) JSON.readTree(body));
        String storedText = stored.toString();

        assertEquals(storedText, JobSpec.parse(stored).toJson().toString(), "from the checked tree");
        assertEquals(
                storedText, JobSpec.parse(JSON.readTree(storedText)).toJson().toString(), "from the stored text");
        assertEquals(
                storedText,
                SPECS.spec((ObjectNode) JSON.readTree(body)).toJson().toString(),
                "at the edge");
        // The store keeps the spec a create or edit parsed as the parse of its stored text: equal.
        assertEquals(
                JobSpec.parse(JSON.readTree(storedText)), SPECS.spec((ObjectNode) JSON.readTree(body)), "as parsed");
    }

    @Test
    void dependenciesKeepAnUnsetWindowAsNull() throws Exception {
        ObjectNode stored = SPECS.normalize((ObjectNode) JSON.readTree(("{" + TASK + ",'schedule':{'type':'on_demand'},"
                        + "'depends_on':[{'job_id':'a','within_secs':60},{'job_id':'b'}]}")
                .replace('\'', '"')));
        JobSpec spec = JobSpec.parse(JSON.readTree(stored.toString()));

        assertEquals(List.of(new Dependency("a", 60L), new Dependency("b", null)), spec.dependsOn());
        assertEquals(
                "[{\"job_id\":\"a\",\"within_secs\":60},{\"job_id\":\"b\",\"within_secs\":null}]",
                spec.toJson().get("depends_on").toString());
        assertEquals(stored.toString(), spec.toJson().toString());
    }

    @Test
    void readsEachPartIntoItsType() throws Exception {
        JobSpec spec = SPECS.spec((ObjectNode) JSON.readTree(("{" + TASK + ",'schedule':{'type':'event','value':"
                        + "{'kind_pattern':'job.*'}},'target':{'type':'tagged','tag':'gpu'},'retry_max':2,"
                        + "'retry_backoff':3,'max_concurrent':1,'concurrency_policy':'queue','sla_deadline':'23:59'}")
                .replace('\'', '"')));

        assertEquals(new Schedule.Event("job.*", null, null), spec.schedule());
        assertEquals("gpu", assertInstanceOf(Target.Tagged.class, spec.target()).tag());
        assertFalse(spec.runsLocally());
        assertEquals(2, spec.retry().max());
        assertEquals(3.0, spec.retry().backoff());
        assertTrue(spec.queuesWhenBusy());
        assertEquals("23:59", spec.sla().deadline());
        assertEquals("Default", spec.group());
        assertEquals("run_once", spec.misfirePolicy());
        assertEquals("shell", spec.taskType());
        assertNull(spec.timezone());
    }

    @Test
    void aJobWithoutTargetRunsLocally() throws Exception {
        JobSpec spec = SPECS.spec(
                (ObjectNode) JSON.readTree(("{" + TASK + ",'schedule':{'type':'on_demand'}}").replace('\'', '"')));

        assertNull(spec.target());
        assertTrue(spec.runsLocally());
        assertInstanceOf(Schedule.OnDemand.class, spec.schedule());
    }
}
