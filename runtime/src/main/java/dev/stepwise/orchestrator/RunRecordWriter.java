package dev.stepwise.orchestrator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the record of one run each time it changes, serializing again only the steps that changed
 * since the last write: a run's record holds every step, so serializing all of them on every write
 * made a step's cost grow with the pipeline. The bytes are those {@link JsonCodec} gives for the
 * whole record, so readers and the format are unchanged.
 */
final class RunRecordWriter {
  // a step's JSON inside run.json sits one object deeper than alone: two more spaces after each newline
  private static final String STEP_INDENT = "  ";
  private static final ObjectWriter WRITER = JsonCodec.mapper().copy()
      .registerModule(new SimpleModule("stepwise-run-record-steps")
          .addSerializer(StepRecord.class, new StepText()))
      .writer();

  private final RunStore runs;
  /** Per invocation: the step record last serialized, and its text. */
  private final Map<String, Serialized> steps = new HashMap<>();

  RunRecordWriter(RunStore runs) {
    this.runs = runs;
  }

  private record Serialized(StepRecord step, String json) {}

  /** Replaces the run's stored record with {@code record}, atomically. */
  synchronized void write(RunRecord record) throws IOException {
    runs.write(record, serialize(record));
  }

  /** The bytes {@code JsonCodec.mapper().writeValueAsBytes(record)} gives, reusing unchanged steps' text. */
  synchronized byte[] serialize(RunRecord record) throws IOException {
    return WRITER.withAttribute(RunRecordWriter.class, this).writeValueAsBytes(record);
  }

  private String json(StepRecord step) throws IOException {
    Serialized last = steps.get(step.invocationId());
    // records are immutable and every change makes a new one, so the same instance has the same text
    if (last != null && last.step() == step) {
      return last.json();
    }
    String json = JsonCodec.mapper().writeValueAsString(step).replace("\n", "\n" + STEP_INDENT);
    steps.put(step.invocationId(), new Serialized(step, json));
    return json;
  }

  /** A step record as the text its writer keeps for it; JSON strings escape newlines, so re-indenting is safe. */
  private static final class StepText extends StdSerializer<StepRecord> {
    StepText() {
      super(StepRecord.class);
    }

    @Override
    public void serialize(StepRecord step, JsonGenerator generator, SerializerProvider provider) throws IOException {
      RunRecordWriter writer = (RunRecordWriter) provider.getAttribute(RunRecordWriter.class);
      generator.writeRawValue(writer.json(step));
    }
  }
}
