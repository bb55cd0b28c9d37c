#!/bin/sh
# LocalStack runs the scripts in /etc/localstack/init/ready.d/ once S3 is up: create the bucket
# the controller replicates to (Litestream does not create it). Idempotent across restarts.
set -eu
bucket=${REPLICA_BUCKET:-kronforce}
awslocal s3api head-bucket --bucket "$bucket" 2>/dev/null || awslocal s3 mb "s3://$bucket"
