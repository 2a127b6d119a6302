# Sourced by bin/spark-class. This home is jars/ from Maven, not a Spark build tree, so Spark's
# launcher cannot find the Scala version from build directories ("Cannot find any build
# directories"); workers pass it on to the executors and drivers they launch.
SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
