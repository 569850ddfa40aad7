#!/bin/sh
# Starts a SweepGrid silo in a container. Cluster:AdvertisedAddress must be an IP address the other silos and the
# clients can reach (the silo binds to it); when the deployment leaves it unset (compose), take this container's own
# address rather than the code's loopback default, which would keep every silo to itself. With Kubernetes hosting
# (Cluster:Kubernetes, deploy/k8s) leave it unset: Orleans then advertises the pod IP it is given as POD_IP.
set -eu
kubernetes=$(printf '%s' "${SWEEPGRID_Cluster__Kubernetes:-}" | tr '[:upper:]' '[:lower:]')
if [ -z "${SWEEPGRID_Cluster__AdvertisedAddress:-}" ] && [ "$kubernetes" != "true" ]; then
  SWEEPGRID_Cluster__AdvertisedAddress=$(hostname -i | awk '{print $1}')
  export SWEEPGRID_Cluster__AdvertisedAddress
fi
exec dotnet /app/sweepgrid-silo.dll "$@"
