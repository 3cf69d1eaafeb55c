-- Full-text search over the network's meetings: minutes, agenda items, decisions, action items.
-- Text is folded (æ→ae, ø→o, å→a) on the way in, and queries are folded the same way in
-- app/utils/search-text.ts, so a query typed without Norwegian letters still finds them.
-- Triggers keep the index in step with the tables inside the same transaction.
CREATE VIRTUAL TABLE `meeting_search` USING fts5(
  title, body,
  network_id UNINDEXED, meeting_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `meetings_search_insert` AFTER INSERT ON `meetings` BEGIN
  INSERT INTO meeting_search(title, body, network_id, meeting_id, kind, ref_id)
  VALUES (replace(replace(replace(replace(replace(replace(new.title, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), replace(replace(replace(replace(replace(replace(new.minutes, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), new.network_id, new.id, 'minutes', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `meetings_search_update` AFTER UPDATE ON `meetings` BEGIN
  DELETE FROM meeting_search WHERE kind = 'minutes' AND ref_id = old.id;
  INSERT INTO meeting_search(title, body, network_id, meeting_id, kind, ref_id)
  VALUES (replace(replace(replace(replace(replace(replace(new.title, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), replace(replace(replace(replace(replace(replace(new.minutes, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), new.network_id, new.id, 'minutes', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `meetings_search_delete` AFTER DELETE ON `meetings` BEGIN
  DELETE FROM meeting_search WHERE kind = 'minutes' AND ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `agenda_items_search_insert` AFTER INSERT ON `agenda_items` BEGIN
  INSERT INTO meeting_search(title, body, network_id, meeting_id, kind, ref_id)
  VALUES (replace(replace(replace(replace(replace(replace(new.title, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), replace(replace(replace(replace(replace(replace(new.notes, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), (SELECT network_id FROM meetings WHERE id = new.meeting_id), new.meeting_id, 'agenda', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `agenda_items_search_update` AFTER UPDATE ON `agenda_items` BEGIN
  DELETE FROM meeting_search WHERE kind = 'agenda' AND ref_id = old.id;
  INSERT INTO meeting_search(title, body, network_id, meeting_id, kind, ref_id)
  VALUES (replace(replace(replace(replace(replace(replace(new.title, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), replace(replace(replace(replace(replace(replace(new.notes, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), (SELECT network_id FROM meetings WHERE id = new.meeting_id), new.meeting_id, 'agenda', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `agenda_items_search_delete` AFTER DELETE ON `agenda_items` BEGIN
  DELETE FROM meeting_search WHERE kind = 'agenda' AND ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `decisions_search_insert` AFTER INSERT ON `decisions` BEGIN
  INSERT INTO meeting_search(title, body, network_id, meeting_id, kind, ref_id)
  VALUES (replace(replace(replace(replace(replace(replace('', 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), replace(replace(replace(replace(replace(replace(new.text, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), (SELECT network_id FROM meetings WHERE id = new.meeting_id), new.meeting_id, 'decision', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `decisions_search_update` AFTER UPDATE ON `decisions` BEGIN
  DELETE FROM meeting_search WHERE kind = 'decision' AND ref_id = old.id;
  INSERT INTO meeting_search(title, body, network_id, meeting_id, kind, ref_id)
  VALUES (replace(replace(replace(replace(replace(replace('', 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), replace(replace(replace(replace(replace(replace(new.text, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), (SELECT network_id FROM meetings WHERE id = new.meeting_id), new.meeting_id, 'decision', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `decisions_search_delete` AFTER DELETE ON `decisions` BEGIN
  DELETE FROM meeting_search WHERE kind = 'decision' AND ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `action_items_search_insert` AFTER INSERT ON `action_items` BEGIN
  INSERT INTO meeting_search(title, body, network_id, meeting_id, kind, ref_id)
  VALUES (replace(replace(replace(replace(replace(replace('', 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), replace(replace(replace(replace(replace(replace(new.text, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), (SELECT network_id FROM meetings WHERE id = new.meeting_id), new.meeting_id, 'action', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `action_items_search_update` AFTER UPDATE ON `action_items` BEGIN
  DELETE FROM meeting_search WHERE kind = 'action' AND ref_id = old.id;
  INSERT INTO meeting_search(title, body, network_id, meeting_id, kind, ref_id)
  VALUES (replace(replace(replace(replace(replace(replace('', 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), replace(replace(replace(replace(replace(replace(new.text, 'æ', 'ae'), 'Æ', 'ae'), 'ø', 'o'), 'Ø', 'o'), 'å', 'a'), 'Å', 'a'), (SELECT network_id FROM meetings WHERE id = new.meeting_id), new.meeting_id, 'action', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `action_items_search_delete` AFTER DELETE ON `action_items` BEGIN
  DELETE FROM meeting_search WHERE kind = 'action' AND ref_id = old.id;
END;
