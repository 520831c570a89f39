package com.stockcount.inventory.infrastructure.rest;

import com.stockcount.inventory.product.Product;
import com.stockcount.inventory.product.ProductService;
import com.stockcount.inventory.product.Tracking;
import com.stockcount.platform.rest.Page;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/products")
@Tag(name = "products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    /** {@code gtins}: GTIN-8, UPC-A, EAN-13 or GTIN-14; stored and returned as GTIN-14. {@code parent} may be null. */
    public record CreateProduct(@NotBlank @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) String sku,
                                @NotBlank String name, String parent, List<String> gtins, @NotNull Tracking tracking,
                                @NotNull @PositiveOrZero BigDecimal unitCost) {
    }

    @Inject
    ProductService products;

    @POST
    @Operation(summary = "Create a product: 201, or 200 when the same product exists, 409 when its SKU has other data"
            + " or a GTIN belongs to another product")
    public Response create(@Valid @NotNull CreateProduct body) throws SQLException {
        return SiteResource.created(products.create(body.sku(), body.name(), body.parent(),
                body.gtins() == null ? List.of() : body.gtins(), body.tracking(), body.unitCost()));
    }

    @GET
    @Path("/{sku}")
    public Product get(@PathParam("sku") String sku) throws SQLException {
        return products.get(sku);
    }

    @GET
    @Operation(summary = "Products: by GTIN (?gtin=, any GTIN form), or by SKU or parent prefix (?q=), or all; paged by SKU")
    public Page<Product> list(@QueryParam("gtin") String gtin, @QueryParam("q") String q,
                              @QueryParam("after") String after, @QueryParam("limit") Integer limit) throws SQLException {
        int max = Page.limit(limit);
        return gtin != null ? products.byGtin(gtin) : products.search(q == null || q.isEmpty() ? null : q, after, max);
    }
}
