// `npm run db:seed`: migrate and seed the demo network into an empty database (DATABASE_PATH).
import "../../scripts/supported-node";
import { runMigrations } from "../migrate";
import { closeDatabase, databasePath } from "../client";
import { seedDemoIfEmpty } from "./demo";

runMigrations();
const seeded = await seedDemoIfEmpty();
console.log(seeded ? `Seeded the demo network into ${databasePath()}.` : `${databasePath()} already has networks; nothing seeded.`);
closeDatabase();
