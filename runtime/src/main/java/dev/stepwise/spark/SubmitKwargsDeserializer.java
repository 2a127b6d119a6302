package dev.stepwise.spark;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code submit_kwargs} from a JSON object or from a string holding one (as the CLI passes it). */
final class SubmitKwargsDeserializer extends JsonDeserializer<Map<String, String>> {
  private static final ObjectMapper JSON = JsonCodec.mapper();

  @Override
  public Map<String, String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode node;
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      try {
        node = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw context.weirdStringException(text, Map.class,
            "submit_kwargs is not valid JSON (" + e.getOriginalMessage() + "); pass an object such as "
                + "'{\"spark.executor.instances\": \"2\"}'");
      }
    } else {
      node = parser.readValueAsTree();
    }
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw context.weirdStringException(node.toString(), Map.class,
          "submit_kwargs must be a JSON object of Spark keys to values, e.g. '{\"spark.executor.instances\": \"2\"}'");
    }
    Map<String, String> result = new LinkedHashMap<>();
    var fields = node.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      JsonNode value = field.getValue();
      if (value.isContainerNode() || value.isNull()) {
        throw context.weirdStringException(value.toString(), Map.class,
            "submit_kwargs value of '" + field.getKey() + "' must be a string, number or boolean");
      }
      result.put(field.getKey(), value.asText());
    }
    return result;
  }
}
