/* The schema as a list of migrations: store_migrations[v] takes a database
 * from user_version v to v+1. Never edit a released migration; add one. */
#ifndef DUBAN_SCHEMA_H
#define DUBAN_SCHEMA_H

extern const char *const store_migrations[];

#endif
