#!/bin/sh
# Runs inside LocalStack when it is ready: the bucket the controller replicates to.
set -eu
awslocal s3 mb s3://kronforce-replica
