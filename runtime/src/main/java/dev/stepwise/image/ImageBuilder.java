package dev.stepwise.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import dev.stepwise.support.AtomicFiles;
import dev.stepwise.support.StepwiseCacheDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds OCI images with Jib, without a Docker daemon: the parent image (a Spark image) plus
 * three layers — dependency jars, the project's classes as one reproducible jar, and a small
 * entrypoint layer (GPU discovery script, marker). The parent's ENTRYPOINT is kept, since Spark's
 * image entrypoint is what runs the driver and executors. The tag is the inputs' content hash, so
 * an image the registry already has is found by its tag and neither rebuilt nor pushed.
 */
public final class ImageBuilder {
  /** Spark's official image for the Spark line Stepwise is built against. */
  public static final String DEFAULT_PARENT_IMAGE = "apache/spark:4.2.0-scala2.13-java17-ubuntu";
  /** Image label naming the inputs' content hash (also the tag), to trace an image back to its build. */
  public static final String INPUTS_LABEL = "dev.stepwise.image.inputs";
  private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);

  private final StepwiseCacheDir cache;
  private final Path jibCache;
  private final RegistryManifests manifests = new RegistryManifests();
  /** Builds under way by image and target: steps of one run that start together share one build. */
  private final ConcurrentMap<String, CompletableFuture<BuiltImage>> inFlight = new ConcurrentHashMap<>();

  /**
   * @param cache Stepwise's cache (packed jars, the discovery script)
   * @param jibCache Jib's own cache root; base and application layers get a folder each
   */
  public ImageBuilder(StepwiseCacheDir cache, Path jibCache) {
    this.cache = cache;
    this.jibCache = jibCache;
  }

  public static ImageBuilder standard() {
    StepwiseCacheDir cache = StepwiseCacheDir.standard();
    return new ImageBuilder(cache, cache.path().resolve("jib"));
  }

  /** The tag {@link #build} would give these inputs, computed without building anything. */
  public String tagFor(ImageInputs inputs) {
    return ImagePlan.of(inputs, cache).tag();
  }

  /**
   * Builds (or finds) the image of {@code inputs} at {@code target}. A call made while the same
   * image is being built for the same target waits for that build and returns its image with
   * {@code built = false}, so concurrent steps never build or push one image twice.
   */
  public BuiltImage build(ImageInputs inputs, ImageTarget target) {
    ImagePlan plan = ImagePlan.of(inputs, cache);
    String where = target instanceof ImageTarget.Registry registry ? "registry " + registry.registry()
        : "tar " + ((ImageTarget.OciTar) target).directory();
    String key = where + "|" + inputs.repository() + ":" + plan.tag();
    CompletableFuture<BuiltImage> mine = new CompletableFuture<>();
    CompletableFuture<BuiltImage> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return awaitOther(running, inputs).shared();
    }
    try {
      BuiltImage image = buildNow(plan, target);
      mine.complete(image);
      return image;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private static BuiltImage awaitOther(CompletableFuture<BuiltImage> running, ImageInputs inputs) {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("waiting for the build of " + inputs.repository() + " was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ImageBuildException failure) {
        throw new ImageBuildException(failure.getMessage(), failure);
      }
      throw new ImageBuildException("the build of " + inputs.repository() + " failed: " + e.getCause(), e.getCause());
    }
  }

  private BuiltImage buildNow(ImagePlan plan, ImageTarget target) {
    List<BuiltImage.ImageLayer> layers = plan.layers().stream().map(LayerPlan::summary).toList();
    try {
      if (target instanceof ImageTarget.Registry registry) {
        return buildToRegistry(plan, layers, registry);
      }
      return buildToTar(plan, layers, (ImageTarget.OciTar) target);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("image build of " + plan.inputs().repository() + " was interrupted", e);
    }
  }

  private BuiltImage buildToRegistry(ImagePlan plan, List<BuiltImage.ImageLayer> layers,
      ImageTarget.Registry registry) throws InterruptedException {
    String reference = registry.registry().replaceAll("/+$", "") + "/" + plan.inputs().repository() + ":" + plan.tag();
    Optional<String> existing;
    try {
      existing = manifests.digestOf(registry, plan.inputs().repository(), plan.tag());
    } catch (IOException e) {
      throw new ImageBuildException("cannot reach the container registry " + registry.registry() + ": "
          + e.getMessage() + "; check that it runs and that its uri"
          + (registry.insecure() ? "" : " and TLS (insecure=true for plain-HTTP registries)") + " are right", e);
    }
    if (existing.isPresent()) {
      LOG.info("image {} already in the registry ({}); not rebuilt", reference, existing.get());
      return new BuiltImage(reference, existing.get(), layers, false, Set.of(), 0, Optional.empty(), plan.jarsInImage());
    }
    RegistryImage image = RegistryImage.named(parse(reference));
    registry.credentials().ifPresent(c -> image.addCredential(c.username(), c.password()));
    UploadTally tally = new UploadTally();
    JibContainer container = containerize(plan, registry.credentials(),
        Optional.of(registry.registry().split("/", 2)[0]), containerizer(Containerizer.to(image), registry.insecure(), tally));
    return new BuiltImage(reference, container.getDigest().toString(), layers, true,
        tally.uploadedBlobs(), tally.bytesUploaded(), Optional.empty(), plan.jarsInImage());
  }

  private BuiltImage buildToTar(ImagePlan plan, List<BuiltImage.ImageLayer> layers, ImageTarget.OciTar target)
      throws InterruptedException {
    String reference = plan.inputs().repository() + ":" + plan.tag();
    Path file = target.directory().resolve(plan.inputs().repository().replace('/', '-') + "-" + plan.tag() + ".tar");
    try {
      Files.createDirectories(target.directory());
    } catch (IOException e) {
      throw new ImageBuildException("cannot create " + target.directory() + ": " + e.getMessage(), e);
    }
    // Jib writes the tar in place; build beside it and rename so a reader never sees half a tar.
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    UploadTally tally = new UploadTally();
    JibContainer container = containerize(plan, Optional.empty(), Optional.empty(),
        containerizer(Containerizer.to(TarImage.at(partial).named(parse(reference))), false, tally));
    try {
      AtomicFiles.replace(partial, file);
    } catch (IOException e) {
      throw new ImageBuildException("cannot move the image tar into place at " + file + ": " + e.getMessage(), e);
    }
    return new BuiltImage(reference, container.getDigest().toString(), layers, true, Set.of(), 0, Optional.of(file), plan.jarsInImage());
  }

  private Containerizer containerizer(Containerizer containerizer, boolean insecure, UploadTally tally) {
    return containerizer
        .setAllowInsecureRegistries(insecure)
        .setBaseImageLayersCache(jibCache.resolve("base"))
        .setApplicationLayersCache(jibCache.resolve("application"))
        .setToolName("stepwise")
        .addEventHandler(ProgressEvent.class, tally::onProgress)
        .addEventHandler(LogEvent.class, event -> {
          tally.onLog(event);
          LOG.debug("jib: {}", event.getMessage());
        });
  }

  private JibContainer containerize(ImagePlan plan, Optional<RegistryCredentials> credentials,
      Optional<String> targetRegistry, Containerizer containerizer) throws InterruptedException {
    try {
      JibContainerBuilder builder = from(plan.inputs().parentImage(), credentials, targetRegistry)
          .setFormat(ImageFormat.OCI)
          .setCreationTime(Instant.EPOCH)
          .setEnvironment(plan.inputs().environment())
          .setLabels(new java.util.TreeMap<>(java.util.Map.of(INPUTS_LABEL, plan.tag())))
          .setFileEntriesLayers(fileLayers(plan));
      return builder.containerize(containerizer);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ImageBuildException("building image " + plan.inputs().repository() + ":" + plan.tag() + " failed: "
          + cause.getClass().getSimpleName() + ": " + cause.getMessage() + hint(cause), cause);
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException
        | com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
      throw new ImageBuildException("building image " + plan.inputs().repository() + ":" + plan.tag() + " failed: "
          + e.getMessage() + hint(e), e);
    }
  }

  private static String hint(Throwable cause) {
    String name = cause.getClass().getSimpleName();
    if (name.contains("Insecure")) {
      return "; the registry speaks plain HTTP: set insecure=true on the container registry";
    }
    if (name.contains("Unauthorized") || name.contains("Credential")) {
      return "; check the secret named by the container registry's authentication_secret";
    }
    return "";
  }

  /** {@code scratch}, an absolute {@code tar:///} file, or an image reference Jib can pull. */
  public static boolean isParentImage(String parentImage) {
    if (parentImage.equals("scratch")) {
      return true;
    }
    if (parentImage.startsWith("tar://")) {
      return parentImage.startsWith("tar:///") && !parentImage.chars().anyMatch(Character::isWhitespace);
    }
    try {
      parse(parentImage);
      return true;
    } catch (ImageBuildException e) {
      return false;
    }
  }

  private static JibContainerBuilder from(String parentImage, Optional<RegistryCredentials> credentials,
      Optional<String> targetRegistry) {
    if (parentImage.equals("scratch")) {
      return Jib.fromScratch();
    }
    if (parentImage.startsWith("tar://")) {
      return Jib.from(TarImage.at(Path.of(java.net.URI.create(parentImage))));
    }
    ImageReference reference = parse(parentImage);
    RegistryImage base = RegistryImage.named(reference);
    // the push login is for the target registry only; a parent elsewhere (Docker Hub) is pulled without it
    credentials.filter(c -> targetRegistry.isPresent() && reference.getRegistry().equals(targetRegistry.get()))
        .ifPresent(c -> base.addCredential(c.username(), c.password()));
    return Jib.from(base);
  }

  private static List<FileEntriesLayer> fileLayers(ImagePlan plan) {
    List<FileEntriesLayer> layers = new ArrayList<>();
    for (LayerPlan layer : plan.layers()) {
      FileEntriesLayer.Builder builder = FileEntriesLayer.builder().setName(layer.name());
      for (LayerEntry entry : layer.entries()) {
        builder.addEntry(entry.source(), AbsoluteUnixPath.get(entry.pathInImage()),
            FilePermissions.fromOctalString(entry.permissions()));
      }
      layers.add(builder.build());
    }
    return layers;
  }

  private static ImageReference parse(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException("'" + reference + "' is not a valid image reference; write it as "
          + "host[:port]/repository[:tag], e.g. apache/spark:4.2.0-scala2.13-java17-ubuntu", e);
    }
  }
}
