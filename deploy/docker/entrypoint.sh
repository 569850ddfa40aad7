#!/bin/sh
# Starts a SweepGrid silo in a container. Cluster:AdvertisedAddress must be an IP address the other silos and the
# clients can reach (the silo binds to it); when the deployment leaves it unset (compose), take this container's own
# address rather than the code's loopback default, which would keep every silo to itself.
set -eu
if [ -z "${SWEEPGRID_Cluster__AdvertisedAddress:-}" ]; then
  SWEEPGRID_Cluster__AdvertisedAddress=$(hostname -i | awk '{print $1}')
  export SWEEPGRID_Cluster__AdvertisedAddress
fi
exec dotnet /app/sweepgrid-silo.dll "$@"
