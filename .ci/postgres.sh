# Sourced by .ci/run: a throwaway PostgreSQL server from the distribution's packages, for the tests.
# start_postgres exports BOARDMEM_TEST_DATABASE_URL; stop_postgres stops the server and removes its files.

PG_DIR=""

_as_server_user() {  # initdb and postgres refuse to run as root: use the packages' postgres account
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_postgres_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

_install_postgres() {
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "PostgreSQL is not installed: installing the distribution's package"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
}

start_postgres() {
    [ -n "$(_postgres_bin)" ] || _install_postgres
    local bin port
    bin=$(_postgres_bin)
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    PG_DIR=$(mktemp -d /tmp/boardmem-pg.XXXXXX)
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown postgres "$PG_DIR"
    fi
    _as_server_user "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync >"$PG_DIR/initdb.log"
    # The owner comes in without a password (the tests make and drop a database each); every other
    # user must give one, so a wrong password is really refused (tests/test_store_errors.py).
    _as_server_user tee "$PG_DIR/data/pg_hba.conf" >/dev/null <<HBA
local all postgres trust
host all postgres 127.0.0.1/32 trust
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
HBA
    _as_server_user "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
        -o "-k $PG_DIR -p $port -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null
    export BOARDMEM_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
    [ -n "$PG_DIR" ] || return 0
    _as_server_user "$(_postgres_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
}
