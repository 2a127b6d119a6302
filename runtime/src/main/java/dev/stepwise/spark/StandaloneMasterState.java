package dev.stepwise.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a standalone master's web UI reports at {@code /json}: its workers, applications and
 * drivers (the parts Stepwise reads to follow, size-check and confirm the kill of a step).
 */
record StandaloneMasterState(List<Worker> workers, List<App> activeApps, List<Driver> activeDrivers,
    List<Driver> completedDrivers) {

  /** One worker; memory in MiB. */
  record Worker(String id, String webUiAddress, String state, int cores, int coresFree, long memoryMib, long memoryFreeMib) {
    boolean alive() {
      return "ALIVE".equals(state);
    }
  }

  /** One application; {@code cores} is what it has been granted so far (0: no executor yet). */
  record App(String id, String name, String state, int cores) {}

  /** One driver; {@code worker} is empty until the master has placed it. */
  record Driver(String id, String state, String worker, int cores, long memoryMib) {}

  StandaloneMasterState {
    workers = List.copyOf(workers);
    activeApps = List.copyOf(activeApps);
    activeDrivers = List.copyOf(activeDrivers);
    completedDrivers = List.copyOf(completedDrivers);
  }

  static StandaloneMasterState parse(JsonNode json) {
    List<Worker> workers = new ArrayList<>();
    json.path("workers").forEach(w -> workers.add(new Worker(w.path("id").asText(), w.path("webuiaddress").asText(),
        w.path("state").asText(), w.path("cores").asInt(), w.path("coresfree").asInt(), w.path("memory").asLong(),
        w.path("memoryfree").asLong())));
    List<App> apps = new ArrayList<>();
    json.path("activeapps").forEach(a -> apps.add(new App(a.path("id").asText(), a.path("name").asText(),
        a.path("state").asText(), a.path("cores").asInt())));
    return new StandaloneMasterState(workers, apps, drivers(json.path("activedrivers")),
        drivers(json.path("completeddrivers")));
  }

  private static List<Driver> drivers(JsonNode array) {
    List<Driver> drivers = new ArrayList<>();
    array.forEach(d -> drivers.add(new Driver(d.path("id").asText(), d.path("state").asText(),
        d.path("worker").asText(""), d.path("cores").asInt(), d.path("memory").asLong())));
    return drivers;
  }

  Optional<Driver> activeDriver(String id) {
    return activeDrivers.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  Optional<Driver> completedDriver(String id) {
    return completedDrivers.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  Optional<Worker> worker(String id) {
    return workers.stream().filter(w -> w.id().equals(id)).findFirst();
  }

  List<Worker> aliveWorkers() {
    return workers.stream().filter(Worker::alive).toList();
  }

  /** The application of a step: by id when known (client mode), else the newest of that name. */
  Optional<App> app(Optional<String> appId, String name) {
    if (appId.isPresent()) {
      return activeApps.stream().filter(a -> a.id().equals(appId.get())).findFirst();
    }
    return activeApps.stream().filter(a -> a.name().equals(name)).reduce((first, later) -> later);
  }
}
