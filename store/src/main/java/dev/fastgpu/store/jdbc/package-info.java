/** The JDBC store: SQLite by default (WAL, synchronous=FULL), schema by Flyway migrations, SQL portable to PostgreSQL. */
package dev.fastgpu.store.jdbc;
