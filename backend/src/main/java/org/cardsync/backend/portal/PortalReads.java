package org.cardsync.backend.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import org.cardsync.backend.card.Card;
import org.cardsync.backend.portal.PortalViews.PortalCard;
import org.cardsync.backend.portal.PortalViews.ProductOffer;
import org.cardsync.backend.portal.PortalViews.ServiceOffer;
import org.cardsync.backend.portal.catalogue.Catalogue;

/** What a customer reads in the portal: their own cards, and the services they may add. */
@ApplicationScoped
public class PortalReads {
    private final PortalApplicationViews views;
    private final Catalogue catalogue;

    public PortalReads(PortalApplicationViews views, Catalogue catalogue) {
        this.views = views;
        this.catalogue = catalogue;
    }

    @Transactional
    public List<PortalCard> cards(String customer) {
        return Card.findByOwner(customer).stream().sorted(Comparator.comparing(c -> c.id)).map(views::card).toList();
    }

    public List<ProductOffer> products() {
        return catalogue.applications().stream().map(a -> new ProductOffer(a.aid(), a.productName(), a.currency())).toList();
    }

    public List<ServiceOffer> services() {
        return catalogue.services().stream().map(s -> new ServiceOffer(s.serviceId(), s.name(), s.description())).toList();
    }
}
