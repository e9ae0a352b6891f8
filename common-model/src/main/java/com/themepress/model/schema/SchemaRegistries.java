package com.themepress.model.schema;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/** The one schema registry every validator of the platform is compiled by, so that all share its regex engine. */
final class SchemaRegistries {

    static final SchemaRegistry DRAFT_2020_12 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .regularExpressionFactory(LinearRegex.INSTANCE)
                    .build()));

    private SchemaRegistries() {
    }
}
