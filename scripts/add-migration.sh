#!/usr/bin/env bash
# Adds one EF Core migration to each provider's migrations set, from the current model:
#   SQLite     -> Engine/Persistence/Migrations            (NotificationsDbContext)
#   PostgreSQL -> Engine/Persistence/PostgreSqlMigrations  (PostgreSqlMigrationsContext)
# Usage: scripts/add-migration.sh <Name>     e.g. scripts/add-migration.sh ListsTables
# Neither command connects to a database. Engine.Tests' MigrationsTests fail while either set lags the model.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 <MigrationName>" >&2
  exit 2
fi
name=$1

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build Engine -c Debug -nologo -clp:ErrorsOnly

add() { # context, folder (the namespace follows the folder)
  dotnet ef migrations add "$name" --no-build --project Engine --startup-project Engine --context "$1" --output-dir "$2"
}
add NotificationsDbContext Persistence/Migrations
add PostgreSqlMigrationsContext Persistence/PostgreSqlMigrations
echo "Added migration '$name' for SQLite and PostgreSQL."
