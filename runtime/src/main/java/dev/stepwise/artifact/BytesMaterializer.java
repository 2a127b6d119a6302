package dev.stepwise.artifact;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;

/** {@code byte[]} as a raw {@code data.bin}. */
public final class BytesMaterializer implements Materializer {
  private static final String DATA_FILE = "data.bin";

  @Override
  public String id() {
    return "bytes";
  }

  @Override
  public boolean canHandle(Type type) {
    return type == byte[].class;
  }

  @Override
  public void store(Object value, Type type, ArtifactStore store, URI directory) throws IOException {
    store.writeBeforeSibling(ArtifactStorage.child(directory, DATA_FILE), (byte[]) value);
  }

  @Override
  public Object load(Type type, ArtifactStore store, URI directory) throws IOException {
    return store.read(ArtifactStorage.child(directory, DATA_FILE));
  }
}
