package org.cardsync.backend.helpdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.card.Card;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.portal.catalogue.Catalogue;
import org.cardsync.backend.script.ScriptStatus;
import org.cardsync.backend.security.UserAccount;

/**
 * The console's card search (docs/api.md "Staff API", docs/performance.md "Card search"): a card id by prefix, or a
 * customer's user name, display name or e-mail by substring, case-insensitive (a q of 1-2 characters: a card id
 * prefix or an exact user name only). One UNION query, each branch served by
 * its index (btree on lower(card_id), pg_trgm GIN on the customer columns), then the page's cards summarised with a
 * handful of grouped queries, whatever the page size.
 */
@ApplicationScoped
public class CardSearch {
    public static final int MAX_QUERY_LENGTH = 100;
    /** The shortest q matched as a substring of names and e-mails: a trigram, the least pg_trgm's index serves. */
    static final int MIN_SUBSTRING_LENGTH = 3;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,16}");

    private final EntityManager entities;
    private final Catalogue catalogue;

    public CardSearch(EntityManager entities, Catalogue catalogue) {
        this.entities = entities;
        this.catalogue = catalogue;
    }

    @Transactional
    public ConsoleViews.CardPage search(String query, Paging paging) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        Matching matching = matching(q);
        if (q.isEmpty()) {
            // every card: the page straight from the card id index, the total from a count of the table
            List<Long> ids = ids(page(matching, "select m.id", paging));
            long total = ((Number) count(matching).getSingleResult()).longValue();
            return new ConsoleViews.CardPage(summaries(ids), paging.page(), paging.size(), total);
        }
        // The page and the total from one evaluation of the matching (count(*) over the whole match before the
        // limit): a common name matches tens of thousands of customers at a million cards, and evaluating that
        // twice, once to count and once for the page, was half of the answer's time (docs/performance.md "The
        // console's card search at a million"). A page past the end has no row to carry the total: count then.
        List<?> rows = page(matching, "select m.id, count(*) over ()", paging).getResultList();
        List<Long> ids = rows.stream().map(row -> ((Number) ((Object[]) row)[0]).longValue()).toList();
        long total = rows.isEmpty() ? (paging.offset() == 0 ? 0 : ((Number) count(matching).getSingleResult()).longValue())
                : ((Number) ((Object[]) rows.get(0))[1]).longValue();
        return new ConsoleViews.CardPage(summaries(ids), paging.page(), paging.size(), total);
    }

    private Query page(Matching matching, String select, Paging paging) {
        return bind(entities.createNativeQuery(select + " from (" + matching.sql() + ") m order by m.card_id limit "
                + paging.size() + " offset " + paging.offset()), matching);
    }

    private Query count(Matching matching) {
        return bind(entities.createNativeQuery("select count(*) from (" + matching.sql() + ") m"), matching);
    }

    private static Query bind(Query query, Matching matching) {
        matching.parameters().forEach(query::setParameter);
        return query;
    }

    private static List<Long> ids(Query query) {
        return ((List<?>) query.getResultList()).stream().map(id -> ((Number) id).longValue()).toList();
    }

    /** The SQL of the cards matching {@code q} (trimmed, lower case), selecting their id and card_id. */
    record Matching(String sql, Map<String, String> parameters) {
    }

    static Matching matching(String q) {
        if (q.isEmpty()) {
            return new Matching("select c.id, c.card_id from card c", Map.of());
        }
        Map<String, String> parameters = new HashMap<>();
        if (q.length() < MIN_SUBSTRING_LENGTH) {
            // pg_trgm cannot serve a pattern shorter than a trigram: a substring of 1-2 characters would scan every
            // customer. So a short q is a card id prefix (btree) or an exact user name (ix_card_owner) only.
            parameters.put("exact", q);
            String sql = "select c.id, c.card_id from card c where c.owner = :exact";
            if (HEX.matcher(q).matches()) {
                parameters.put("prefix", q + "%");
                sql = "select c.id, c.card_id from card c where lower(c.card_id) like :prefix union " + sql;
            }
            return new Matching(sql, parameters);
        }
        // LIKE's wildcards in the query are searched for as themselves
        parameters.put("contains", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        // one select per indexed column, UNIONed: an OR of the three made the planner scan every account when it
        // misjudged a BitmapOr of three GIN scans (0.8 s instead of 20 ms on 100,000 cards, docs/performance.md)
        String sql = """
                select c.id, c.card_id from card c join user_account u on u.username = c.owner
                where lower(u.username) like :contains escape '\\'
                union select c.id, c.card_id from card c join user_account u on u.username = c.owner
                where lower(u.display_name) like :contains escape '\\'
                union select c.id, c.card_id from card c join user_account u on u.username = c.owner
                where lower(u.email) like :contains escape '\\'""";
        if (HEX.matcher(q).matches()) {
            parameters.put("prefix", q + "%");
            sql = "select c.id, c.card_id from card c where lower(c.card_id) like :prefix union " + sql;
        }
        return new Matching(sql, parameters);
    }

    @Transactional
    public ConsoleViews.CardSummary card(String cardId) {
        Card card = Card.findByCardId(cardId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no card " + cardId));
        return summaries(List.of(card.id)).get(0);
    }

    /** The summaries of the cards with these ids, in this order. */
    private List<ConsoleViews.CardSummary> summaries(List<Long> cardIds) {
        if (cardIds.isEmpty()) {
            return List.of();
        }
        List<Card> cards = Card.list("id in ?1", cardIds);
        List<CardApplication> apps = CardApplication.list("card.id in ?1 order by id", cardIds);
        List<Long> appIds = apps.stream().map(a -> a.id).toList();
        Map<Long, Long> queued = countBy("select a.applicationId, count(a) from Action a where a.applicationId in :ids"
                + " and a.state = " + jpql(ActionState.QUEUED) + " group by a.applicationId", appIds);
        Map<Long, Long> inFlight = countBy("select s.applicationId, count(s) from Script s where s.applicationId in :ids"
                + " and s.status = " + jpql(ScriptStatus.IN_FLIGHT) + " group by s.applicationId", appIds);
        Map<Long, Long> alerts = countBy("select a.applicationId, count(a) from Alert a where a.applicationId in :ids"
                + " and a.acknowledged = false group by a.applicationId", appIds);
        Map<String, ConsoleViews.CustomerView> customers = Customers.byUsername(
                cards.stream().map(c -> c.owner).filter(o -> o != null).distinct().toList());
        Map<Long, Card> byId = new HashMap<>();
        cards.forEach(c -> byId.put(c.id, c));
        List<ConsoleViews.CardSummary> out = new ArrayList<>();
        for (Long id : cardIds) {
            Card card = byId.get(id);
            out.add(new ConsoleViews.CardSummary(card.cardId, card.owner == null ? null : customers.get(card.owner),
                    apps.stream().filter(a -> a.card.id.equals(id)).map(a -> new ConsoleViews.ApplicationSummary(
                            a.id, a.aid, catalogue.product(a.aid).productName(), a.status.name(), a.confirmedCa,
                            a.lastAtc, a.lastBalance, queued.getOrDefault(a.id, 0L), inFlight.containsKey(a.id),
                            alerts.getOrDefault(a.id, 0L))).toList()));
        }
        return out;
    }

    private static String jpql(Enum<?> value) {
        return value.getDeclaringClass().getName() + "." + value.name();
    }

    private Map<Long, Long> countBy(String jpql, Collection<Long> ids) {
        Map<Long, Long> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Object[] row : entities.createQuery(jpql, Object[].class).setParameter("ids", ids).getResultList()) {
            out.put((Long) row[0], (Long) row[1]);
        }
        return out;
    }

    /** How the console names a card's owner. */
    static final class Customers {
        private Customers() {
        }

        static Map<String, ConsoleViews.CustomerView> byUsername(List<String> usernames) {
            Map<String, ConsoleViews.CustomerView> out = new HashMap<>();
            if (!usernames.isEmpty()) {
                UserAccount.<UserAccount>list("username in ?1", usernames).forEach(u -> out.put(u.username,
                        new ConsoleViews.CustomerView(u.username, u.displayName, u.email)));
            }
            // an owner without an account (cards issued before issuance checked it) still shows its name
            usernames.forEach(name -> out.putIfAbsent(name, new ConsoleViews.CustomerView(name, null, null)));
            return out;
        }

        static ConsoleViews.CustomerView of(String owner) {
            return owner == null ? null : byUsername(List.of(owner)).get(owner);
        }
    }
}
