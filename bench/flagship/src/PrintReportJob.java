import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.examples.wine.WineClassifier;
import dev.stepwise.examples.wine.WineReport;
import java.io.File;

/** The flagship's last step by hand, as plain {@code java -cp}: reads the JSON report and prints it. */
public final class PrintReportJob {
  public static void main(String[] args) throws Exception {
    WineClassifier.printReport(new ObjectMapper().readValue(new File(args[0]), WineReport.class));
  }
}
