package io.keyuan.channel.domain;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface SourceChannelRepository
        extends JpaRepository<SourceChannel, Long>, JpaSpecificationExecutor<SourceChannel> {
    boolean existsByNameIgnoreCase(String name);

    boolean existsByNameIgnoreCaseAndIdNot(String name, Long id);

    List<SourceChannel> findAllByOrderByNameAsc();
}
