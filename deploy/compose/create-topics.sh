#!/bin/bash
# Creates Parley's topics on the one-host broker (replication 1); partitions and settings follow
# io.parley.events.Topics, like deploy/kubernetes/base/kafka/topics.yaml (DeployManifestsTest checks both).
set -euo pipefail
FOREVER=cleanup.policy=delete,retention.ms=-1,retention.bytes=-1
create() {
  local settings=() setting
  IFS=, read -ra pairs <<< "$3"
  for setting in "${pairs[@]}"; do settings+=(--config "$setting"); done
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1 "${settings[@]}"
}
create conversation-events 12 $FOREVER
create webhooks-raw 6 $FOREVER
create agent-events 3 $FOREVER
create workspace-events 1 $FOREVER
create analytics-snapshots 3 cleanup.policy=delete
create routing-work 12 $FOREVER
create routing-snapshots 12 cleanup.policy=compact
create agent-activity 1 cleanup.policy=delete,retention.ms=3600000
create bot-tenant-changes 1 cleanup.policy=delete
create ingest-outbound-ledger 12 cleanup.policy=delete,retention.ms=691200000
create conversation-events.dlq.ingest 1 $FOREVER
create conversation-events.dlq.bot 1 $FOREVER
create conversation-events.dlq.routing 1 $FOREVER
create conversation-events.dlq.ticket 1 $FOREVER
create conversation-events.dlq.analytics 1 $FOREVER
create agent-events.dlq.analytics 1 $FOREVER
create workspace-events.dlq.analytics 1 $FOREVER
create agent-events.dlq.routing 1 $FOREVER
create workspace-events.dlq.routing 1 $FOREVER
create routing-work.dlq.routing 1 $FOREVER
