import dev.stepwise.examples.wine.WineClassifier;
import java.nio.file.Files;
import java.nio.file.Path;

/** The flagship's first step by hand, as plain {@code java -cp}: checks the data file, writes its path to a text file. */
public final class LocateDatasetJob {
  public static void main(String[] args) throws Exception {
    Files.writeString(Path.of(args[1]), WineClassifier.locateDataset(args[0]));
  }
}
