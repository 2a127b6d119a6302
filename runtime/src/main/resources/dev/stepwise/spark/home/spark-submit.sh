#!/usr/bin/env bash
# Stepwise's embedded spark-submit: Spark's SparkSubmit through this home's spark-class.
exec "$(dirname "$0")/spark-class" org.apache.spark.deploy.SparkSubmit "$@"
